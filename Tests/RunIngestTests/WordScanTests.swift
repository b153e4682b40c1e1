import ScalingLaws
import Testing
@testable import RunIngest

/// The eight-bytes-at-once tests must answer exactly what a byte-by-byte loop answers, for
/// every byte value at every position of the word, whatever the other bytes are.
@Suite struct WordScanTests {
    /// Bytes that are easy to confuse with the ones looked for: neighbours, bit-5 and bit-7
    /// twins, zero and 0xFF (borrows), digits and number bytes.
    static let fillers: [UInt8] = [0x00, 0x01, 0x20, 0x21, 0x22, 0x23, 0x2C, 0x2F, 0x30, 0x39, 0x3A, 0x45, 0x5B,
                                   0x5C, 0x5D, 0x61, 0x65, 0x7F, 0x80, 0xA2, 0xB0, 0xB9, 0xDC, 0xE5, 0xFF]

    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { WordScan.load($0.baseAddress!) }
    }

    /// Words with byte `b` at `position` and the rest each of the fillers (and random ones).
    static func words(with b: UInt8, at position: Int, rng: inout SplitMix64) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for filler in fillers {
            var bytes = [UInt8](repeating: filler, count: 8)
            bytes[position] = b
            result.append(bytes)
        }
        for _ in 0..<4 {
            var bytes = (0..<8).map { _ in fillers[Int(rng.next() % UInt64(fillers.count))] }
            bytes[position] = b
            result.append(bytes)
        }
        return result
    }

    @Test func firstQuoteOrBackslashAtEveryPosition() {
        var rng = SplitMix64(seed: 11)
        for position in 0..<8 {
            for b in 0...255 {
                for bytes in Self.words(with: UInt8(b), at: position, rng: &rng) {
                    let expected = bytes.firstIndex { $0 == 0x22 || $0 == 0x5C } ?? 8
                    #expect(WordScan.firstQuoteOrBackslash(Self.word(bytes)) == expected, "\(bytes)")
                }
            }
        }
    }

    @Test func leadingNumberBytesAtEveryPosition() {
        var rng = SplitMix64(seed: 12)
        let numberBytes = Array("0123456789.+-eE".utf8)
        for position in 0..<8 {
            for b in 0...255 {
                var cases = Self.words(with: UInt8(b), at: position, rng: &rng)
                // And the byte after a run of number bytes of every length.
                var run = (0..<8).map { numberBytes[($0 * 7 + position) % numberBytes.count] }
                run[position] = UInt8(b)
                cases.append(run)
                for bytes in cases {
                    let expected = bytes.firstIndex { !FlatJSONObject.isNumberByte($0) } ?? 8
                    #expect(WordScan.leadingNumberBytes(Self.word(bytes)) == expected, "\(bytes)")
                }
            }
        }
    }

    @Test func eightDigitsAtEveryPositionAndValue() {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<200 {
            let digits = (0..<8).map { _ in UInt8(0x30 + rng.next() % 10) }
            #expect(WordScan.isEightDigits(Self.word(digits)))
            #expect(WordScan.eightDigitsValue(Self.word(digits)) == UInt64(String(decoding: digits, as: UTF8.self)))
            for position in 0..<8 {
                for b in 0...255 {
                    var bytes = digits
                    bytes[position] = UInt8(b)
                    #expect(WordScan.isEightDigits(Self.word(bytes)) == (b >= 0x30 && b <= 0x39), "\(bytes)")
                }
            }
        }
        #expect(WordScan.eightDigitsValue(Self.word(Array("99999999".utf8))) == 99_999_999)
        #expect(WordScan.eightDigitsValue(Self.word(Array("00000000".utf8))) == 0)
    }

    /// The count of leading digits and their value, for every byte at every position after
    /// a run of digits, whatever follows it.
    @Test func leadingDigitsAtEveryPositionAndValue() {
        var rng = SplitMix64(seed: 14)
        for position in 0..<8 {
            for b in 0...255 {
                for filler in Self.fillers {
                    var bytes = (0..<8).map { _ in UInt8(0x30 + rng.next() % 10) }
                    bytes[position] = UInt8(b)
                    for later in (position + 1)..<8 where rng.next() % 2 == 0 { bytes[later] = filler }
                    let expected = bytes.firstIndex { !($0 >= 0x30 && $0 <= 0x39) } ?? 8
                    let word = Self.word(bytes)
                    #expect(WordScan.leadingDigits(word) == expected, "\(bytes)")
                    if expected > 0 {
                        let value = UInt64(String(decoding: bytes.prefix(expected), as: UTF8.self))
                        #expect(WordScan.leadingDigitsValue(word, count: expected) == value, "\(bytes)")
                    }
                }
            }
        }
    }

    /// Through the scanner: numbers of every length with the point at every place, read (a
    /// used key) and skipped (an unused one) at every offset in the line, and a stray byte at
    /// every place of a skipped number still makes the line an error.
    @Test func numbersOfEveryLengthReadAndSkippedAtEveryOffset() throws {
        var rng = SplitMix64(seed: 14)
        for length in 1...26 {
            for point in 0...length {
                var digits = String((0..<length).map { i in Character(String(i == 0 ? 1 + rng.next() % 9 : rng.next() % 10)) })
                if point < length { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
                if digits.hasPrefix(".") || digits.hasSuffix(".") { continue }
                for sign in ["", "-"] {
                    let text = sign + digits
                    for pad in 0..<8 {
                        let key = String(repeating: "k", count: pad + 1)
                        let line = "{\"\(key)\": \(text), \"v\": \(text)}"
                        let members = try FlatJSONObject.parse(line)
                        #expect(members.count == 2)
                        #expect(members.first?.value == .number(Double(text)!), "\(line)")
                        // Only `loss` is read by the metrics parser: the first number is skipped.
                        let parsed = JSONLMetricsParser().parse(Array("{\"\(key)\": \(text), \"step\": 3, \"loss\": \(text)}\n".utf8))
                        #expect(parsed.problems.isEmpty, "\(line)")
                        #expect(parsed.points.first?.point.loss == Double(text)!, "\(line)")
                    }
                    for junk in 1..<text.count {
                        var bad = text
                        bad.insert("x", at: bad.index(bad.startIndex, offsetBy: junk))
                        let parsed = JSONLMetricsParser().parse(Array("{\"unused\": \(bad), \"step\": 3, \"loss\": 1}\n".utf8))
                        #expect(parsed.points.isEmpty && parsed.problems.count == 1, "\(bad)")
                    }
                }
            }
        }
    }
}
