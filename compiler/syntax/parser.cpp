#include "syntax/syntax.h"
