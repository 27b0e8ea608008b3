// Compiles the libFuzzer driver declaration.
#include "CLibFuzzer.h"
