// Compiles the canonical header (and its _Static_asserts) on every Swift build.
#include "obsbridge.h"
