#include "sema/sema.h"
