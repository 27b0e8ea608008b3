// Compiles ChecksumKit's header on every Swift build, so SwiftPM tracks its edits.
#include "checksumkit.h"
