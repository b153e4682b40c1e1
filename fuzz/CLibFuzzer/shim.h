#ifndef CLIBFUZZER_SHIM_H
#define CLIBFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by `-sanitize=fuzzer`): parses libFuzzer's options
// from argv and runs the fuzzing loop, calling `callback` with each input. SwiftPM links an
// executable's own entry point as `main`, so the harness's `main` calls this. Declared only;
// no library is named here, and only the fuzzing build calls it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
