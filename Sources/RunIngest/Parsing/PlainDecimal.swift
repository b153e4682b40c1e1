/// A metrics line's numbers in the form loggers write them (`12`, `-0.5`, `17.729074628116656`,
/// `1.4999e-07`), read in one pass with up to eight digits at a time: the values a shaped
/// line reads (`JSONLineShape`). The general scanner's number reading (`decimalParts`) also
/// handles leading zeros, digits beyond 19 and malformed text byte by byte, and was a third
/// of reading a line (callgrind, issue 16).
///
/// Only what it reads for certain: a number with at most 19 significant digits (and 19 integer
/// digits), digits on both sides of a point, at most four exponent digits, not followed by a
/// byte that could continue a number, and whose nearest Double `DecimalToDouble` decides.
/// Anything else is left to the general reading, which gives the same value for every number
/// read here (the same digits and exponent go to the same `DecimalToDouble.value`).
enum PlainDecimal {
    /// The number at `i` in `line`, `i` moved past it; nil, `i` unmoved, when it is not one
    /// read here.
    @inline(__always)
    static func value(in line: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Double? {
        guard let base = line.baseAddress else { return nil }
        let end = line.count
        var j = i
        let negative = j < end && base[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        var mantissa: UInt64 = 0
        let integerStart = j
        digits(base, end, &j, into: &mantissa)
        // At most 19 integer digits, so the mantissa has not wrapped and a zero mantissa means
        // zeros only (2^64 written out wraps to 0: a review caught it read as 0).
        guard j > integerStart, j - integerStart <= 19 else { return nil }
        // Significant digits: zeros before the first nonzero digit do not count (a learning
        // rate of 0.0002987654321098765 has 19), nor change the mantissa.
        var significantDigits = mantissa == 0 ? 0 : j - integerStart
        var exponent = 0
        if j < end, base[j] == UInt8(ascii: ".") {
            j += 1
            let fractionStart = j
            if mantissa == 0 {
                while j < end, base[j] == UInt8(ascii: "0") { j += 1 }
            }
            let significantStart = j
            digits(base, end, &j, into: &mantissa)
            guard j > fractionStart else { return nil }
            exponent = fractionStart - j
            significantDigits += j - significantStart
        }
        guard significantDigits <= 19 else { return nil }   // the mantissa may have wrapped
        if j < end, base[j] | 0x20 == UInt8(ascii: "e") {
            j += 1
            var exponentNegative = false
            if j < end, base[j] == UInt8(ascii: "+") || base[j] == UInt8(ascii: "-") {
                exponentNegative = base[j] == UInt8(ascii: "-")
                j += 1
            }
            let exponentStart = j
            var e = 0
            while j < end, j - exponentStart < 4, base[j] &- 0x30 < 10 {
                e = e * 10 + Int(base[j] &- 0x30)
                j += 1
            }
            guard j > exponentStart else { return nil }
            exponent += exponentNegative ? -e : e
        }
        guard j == end || !FlatJSONObject.isNumberByte(base[j]),
              let value = DecimalToDouble.value(mantissa: mantissa, exponent: exponent, negative: negative) else { return nil }
        i = j
        return value
    }

    /// Past the number at `i`, as the general scanner steps over a value no column reads
    /// (`FlatJSONObject.skipPlainNumber`: a digit, or a minus not before `I`, and every number
    /// byte after it), taking digits eight at a time and the other number bytes (`.`, `e`…)
    /// one by one: a third of the cost of testing each word for all fifteen number bytes
    /// (callgrind, issue 16). False, `i` unmoved, when no number starts there.
    @inline(__always)
    static func skip(in line: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Bool {
        guard let base = line.baseAddress, i < line.count else { return false }
        let end = line.count
        let first = base[i]
        guard first &- 0x30 < 10 || (first == UInt8(ascii: "-") && i + 1 < end && base[i + 1] != UInt8(ascii: "I")) else {
            return false
        }
        var j = i + 1
        while true {
            if j + 8 <= end {
                let count = WordScan.leadingDigits(WordScan.load(base + j))
                if count == 8 {   // as in `digits`: a constant step for the next load
                    j += 8
                    continue
                }
                j += count
            } else {
                while j < end, base[j] &- 0x30 < 10 { j += 1 }
            }
            guard j < end, FlatJSONObject.isNumberByte(base[j]) else { break }
            j += 1
        }
        i = j
        return true
    }

    /// The run of digits at `j` appended to `mantissa` (wrapping past 2^64: the caller counts
    /// the digits), eight bytes at a time while eight can be loaded within the line.
    @inline(__always)
    private static func digits(_ base: UnsafePointer<UInt8>, _ end: Int, _ j: inout Int, into mantissa: inout UInt64) {
        while j + 8 <= end {
            let word = WordScan.load(base + j)
            let count = WordScan.leadingDigits(word)
            // Eight digits move `j` by a constant, so the next word's load need not wait for
            // this word's count (a branch the processor predicts, not a data dependence).
            if count == 8 {
                mantissa = mantissa &* 100_000_000 &+ WordScan.eightDigitsValue(word)
                j += 8
                continue
            }
            if count > 0 {
                mantissa = mantissa &* powersOfTen[count] &+ WordScan.leadingDigitsValue(word, count: count)
                j += count
            }
            return
        }
        while j < end, base[j] &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(base[j] &- 0x30)
            j += 1
        }
    }

    /// 10^0 … 10^8.
    private static let powersOfTen: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]
}
