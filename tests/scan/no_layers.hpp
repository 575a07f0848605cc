// A header without RICCI_LAYER: an error, since scanning it can only be a mistake.
#pragma once

#include <ricci/view.h>

void plain(ricci::Ref<float, 1> y);
