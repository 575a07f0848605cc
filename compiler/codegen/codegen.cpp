#include "codegen/codegen.h"
