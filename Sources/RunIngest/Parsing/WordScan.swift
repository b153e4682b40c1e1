/// Tests on eight bytes of a line at once (one UInt64, SWAR), for the JSON scanner's hot
/// loops: where a string ends, how long a number's text is, and eight digits converted in a
/// few multiplications. Each answers exactly what the byte-by-byte loop it replaces would.
///
/// Words are loaded little-endian (`load`), so byte i of the text is bits 8i..<8i+8 and
/// "the first byte that…" is the lowest flagged byte: `trailingZeroBitCount / 8`.
enum WordScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Eight bytes at `p`, byte 0 lowest, on any alignment.
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that equals `byte`, and no other bit. Exact for
    /// every byte (no borrow runs from one byte into the next), unlike the shorter
    /// `(x - ones) & ~x` test, which can also flag a byte above a true match.
    @inline(__always)
    static func equalMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lows) &+ lows) | x | lows)
    }

    /// Index (0…7) of the first `"` or `\` in the eight bytes, 8 when there is none.
    @inline(__always)
    static func firstQuoteOrBackslash(_ word: UInt64) -> Int {
        (equalMask(word, 0x22) | equalMask(word, 0x5C)).trailingZeroBitCount >> 3
    }

    /// The high bit of each byte that may be part of a JSON number's text: a digit or one of
    /// `. + - e E` (the set `Scanner.isNumberByte` accepts).
    @inline(__always)
    static func numberByteMask(_ word: UInt64) -> UInt64 {
        // Digits by range on the low seven bits with each byte's high bit forced on, so the
        // subtractions never borrow across bytes; bytes ≥ 0x80 are then struck out.
        let forced = word | highs
        let atLeastZero = (forced &- ones &* 0x30) & highs
        let belowColon = ~(forced &- ones &* 0x3A) & highs
        let digits = atLeastZero & belowColon & ~word
        // `e` and `E` differ only in bit 5: or-ing it in folds them (and nothing else) to `e`.
        let others = equalMask(word, 0x2E) | equalMask(word, 0x2B) | equalMask(word, 0x2D)
            | equalMask(word | ones &* 0x20, 0x65)
        return digits | others
    }

    /// How many of the eight bytes, from the first, are number bytes (8: all of them).
    @inline(__always)
    static func leadingNumberBytes(_ word: UInt64) -> Int {
        (~numberByteMask(word) & highs).trailingZeroBitCount >> 3
    }

    /// Whether all eight bytes are ASCII digits (fast_float's test: adding 0x46 carries a
    /// byte above `9` into its high bit, subtracting 0x30 borrows into it below `0`).
    @inline(__always)
    static func isEightDigits(_ word: UInt64) -> Bool {
        ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & highs == 0
    }

    /// The value of eight ASCII digits, the first most significant (`isEightDigits` must hold).
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        digitValuesCombined(word &- 0x3030_3030_3030_3030)
    }

    /// How many of the eight bytes, from the first, are ASCII digits (8: all). Exact: the
    /// add and subtract of `isEightDigits` can carry or borrow only out of a byte that is not
    /// a digit, into the bytes after it, so the first flagged byte is the first non-digit.
    @inline(__always)
    static func leadingDigits(_ word: UInt64) -> Int {
        (((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & highs).trailingZeroBitCount >> 3
    }

    /// The value of the first `count` bytes (1…8), all ASCII digits, the first most
    /// significant: the digits are moved to the end of the word, behind zeros, and combined
    /// as eight.
    @inline(__always)
    static func leadingDigitsValue(_ word: UInt64, count: Int) -> UInt64 {
        let digits = word &- 0x3030_3030_3030_3030
        let kept = count == 8 ? digits : digits & ((1 &<< UInt64(8 * count)) &- 1)
        return digitValuesCombined(kept &<< UInt64(64 - 8 * count))
    }

    /// Eight digit values (0…9 in each byte, the first most significant) as one number:
    /// pairs, then fours, then all eight combined by multiplication (fast_float's
    /// parse_eight_digits_unrolled), instead of eight multiply-adds in a row.
    @inline(__always)
    private static func digitValuesCombined(_ digits: UInt64) -> UInt64 {
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let mul1: UInt64 = 0x000F_4240_0000_0064   // 100 + (1_000_000 << 32)
        let mul2: UInt64 = 0x0000_2710_0000_0001   // 1 + (10_000 << 32)
        let v = (digits &* 10) &+ (digits >> 8)   // each even byte: two digits' value
        return (((v & mask) &* mul1) &+ (((v >> 16) & mask) &* mul2)) >> 32
    }
}
