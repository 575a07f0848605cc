// The host side of the CUDA runtime: what a generated <stem>.cuh includes. It compiles with
// any C++17 compiler given the CUDA include path; link with -lcudart -lcublas.
#pragma once

#include "ricci/cuda/blas.h"
#include "ricci/cuda/check.h"
#include "ricci/cuda/launch.h"
#include "ricci/cuda/stream.h"
#include "ricci/cuda/tensor.h"
#include "ricci/cuda/view.h"
#include "ricci/cuda/workspace.h"
#include "ricci/error.h"
#include "ricci/shape.h"
