// Compiles the demo library's header on every Swift build.
#include "obsbridge_demo.h"
