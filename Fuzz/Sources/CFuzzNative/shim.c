// Compiles the C ABI headers the native fuzz target calls.
#include "obsbridge_demo.h"
