// The whole ricci runtime: what generated code includes.
#pragma once

#include "ricci/error.h"
#include "ricci/gemm.h"
#include "ricci/math.h"
#include "ricci/memory.h"
#include "ricci/npy.h"
#include "ricci/parallel.h"
#include "ricci/shape.h"
#include "ricci/simd.h"
#include "ricci/tensor.h"
#include "ricci/view.h"
#include "ricci/vmath.h"
#include "ricci/workspace.h"
