// Compiles HashKit's header on every Swift build, so SwiftPM tracks its edits.
#include "hashkit.h"
