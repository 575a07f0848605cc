// Compile-only: the runtime headers must stay valid C++17, the standard generated code may use.
#include <ricci/driver.h>
#include <ricci/runtime.h>
