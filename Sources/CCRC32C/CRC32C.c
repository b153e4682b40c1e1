// CRC-32C for TFRecord framing (TensorBoard event files), in C for one reason: x86-64's
// SSE4.2 `crc32` instruction checksums 8 bytes per instruction (about 20x a byte-at-a-time
// table), and Swift cannot emit it. Every record of an event file is checksummed twice
// (its 8 length bytes and its data), so on a large log the checksum was a visible share of
// the load. Machines without the instruction (other architectures, very old x86) use
// slicing-by-8: eight 256-entry tables, eight bytes per step. No package scaletop may use
// offers CRC-32C (zlib and Foundation have only the IEEE polynomial).
#include "CRC32C.h"

#include <string.h>

// Reflected Castagnoli polynomial.
#define POLYNOMIAL 0x82F63B78u

static uint32_t tables[8][256];
static int tables_ready;

static void make_tables(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ POLYNOMIAL : crc >> 1;
        tables[0][byte] = crc;
    }
    for (uint32_t byte = 0; byte < 256; byte++) {
        for (int k = 1; k < 8; k++) {
            uint32_t previous = tables[k - 1][byte];
            tables[k][byte] = (previous >> 8) ^ tables[0][previous & 0xFF];
        }
    }
    __atomic_store_n(&tables_ready, 1, __ATOMIC_RELEASE);
}

uint32_t scaletop_crc32c_portable(uint32_t crc, const uint8_t *bytes, size_t count) {
    // Building the tables twice from two threads is harmless: both write the same values.
    if (!__atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE)) make_tables();
    crc = ~crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);   // unaligned load; the tables assume little-endian order
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        uint32_t low = (uint32_t)word ^ crc;
        uint32_t high = (uint32_t)(word >> 32);
        crc = tables[7][low & 0xFF] ^ tables[6][(low >> 8) & 0xFF] ^ tables[5][(low >> 16) & 0xFF]
            ^ tables[4][low >> 24] ^ tables[3][high & 0xFF] ^ tables[2][(high >> 8) & 0xFF]
            ^ tables[1][(high >> 16) & 0xFF] ^ tables[0][high >> 24];
        bytes += 8;
        count -= 8;
    }
    while (count--) crc = tables[0][(crc ^ *bytes++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *bytes, size_t count) {
    uint64_t c = ~crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);
        c = _mm_crc32_u64(c, word);
        bytes += 8;
        count -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (count--) c32 = _mm_crc32_u8(c32, *bytes++);
    return ~c32;
}

int scaletop_crc32c_is_hardware(void) {
    return __builtin_cpu_supports("sse4.2");
}

uint32_t scaletop_crc32c(uint32_t crc, const uint8_t *bytes, size_t count) {
    static int hardware = -1;
    int has = __atomic_load_n(&hardware, __ATOMIC_RELAXED);
    if (has < 0) {
        has = scaletop_crc32c_is_hardware();
        __atomic_store_n(&hardware, has, __ATOMIC_RELAXED);
    }
    return has ? crc32c_sse42(crc, bytes, count) : scaletop_crc32c_portable(crc, bytes, count);
}
#else
int scaletop_crc32c_is_hardware(void) { return 0; }

uint32_t scaletop_crc32c(uint32_t crc, const uint8_t *bytes, size_t count) {
    return scaletop_crc32c_portable(crc, bytes, count);
}
#endif
