// Compile-only: the runtime headers must stay valid C++17, the standard generated code may use.
#include <ricci/runtime.h>
