#ifndef SCALETOP_CRC32C_H
#define SCALETOP_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli) of `count` bytes, continuing from `crc` (pass 0 to start; the
/// initial and final XOR with 0xFFFFFFFF are done inside). The SSE4.2 `crc32` instruction
/// when the processor has it, else slicing-by-8 tables.
uint32_t scaletop_crc32c(uint32_t crc, const uint8_t *bytes, size_t count);

/// The table-driven version alone (slicing-by-8), so tests can check one against the other.
uint32_t scaletop_crc32c_portable(uint32_t crc, const uint8_t *bytes, size_t count);

/// Whether `scaletop_crc32c` uses the processor's crc32 instruction.
int scaletop_crc32c_is_hardware(void);

#endif
