/* libFuzzer's driver entry point (compiler-rt FuzzerInterface.h), for fuzz targets whose `main` is
 * Swift's: SwiftPM links an executable target's own entry point, so each target calls the driver
 * itself instead of relying on libFuzzer's `main`. */
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
