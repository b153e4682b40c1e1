import ScalingLaws
import Testing
@testable import RunIngest

/// `PlainDecimal` reads the usual numbers of a metrics line at once; wherever it gives a value
/// it must be the general scanner's (`FlatJSONObject.plainNumber`, then `.value`), ending at
/// the same byte, and it must take the forms loggers write (or the shape gains nothing).
@Suite struct PlainDecimalTests {
    /// What each reading makes of `text` followed by `after`: value and end, or nil.
    static func both(_ text: String, after: String) -> (plain: (Double, Int)?, general: (Double, Int)?) {
        var bytes = Array((text + after).utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let line = UnsafeBufferPointer(buffer)
            var i = 0
            let plain = PlainDecimal.value(in: line, at: &i).map { ($0, i) }
            var j = 0
            let general = FlatJSONObject.plainNumber(in: line, at: &j).flatMap { number in number.value.map { ($0, j) } }
            return (plain, general)
        }
    }

    /// The plain reading agrees wherever it reads: same bits (so -0.0 and 0.0 differ), same end.
    static func agrees(_ text: String, after: String) -> Bool {
        let (plain, general) = both(text, after: after)
        guard let plain else { return true }
        guard let general else { return false }
        return plain.0.bitPattern == general.0.bitPattern && plain.1 == general.1
    }

    static let afters = [", \"lr\": 1", "}", "", ",", " ", "x", "e", ".5", "-", "0123456789"]

    @Test func theFormsLoggersWriteAreRead() {
        for text in ["1", "0", "-0", "524288.0", "17.729074628116656", "1.499999999996669e-07", "0.0002987654321098765",
                     "-3.5E+2", "1e5", "123456789012345678", "9007199254740993", "1e-320", "2.5e308", "0.1", "-0.000001"] {
            let (plain, general) = Self.both(text, after: ", \"loss\": 2")
            #expect(plain != nil, "\(text)")
            #expect(plain?.0.bitPattern == general?.0.bitPattern && plain?.1 == general?.1, "\(text)")
            #expect(plain?.1 == text.utf8.count, "\(text)")
        }
    }

    /// Texts the general scanner reads its own way or not at all: the plain reading leaves
    /// them (nil) or agrees.
    @Test func unusualTextsAreLeftOrAgree() {
        for text in ["", "-", "1.", ".5", "1e", "1e+", "1.2.3", "--1", "1-2", "01", "00.5", "0.", "1e12345", "1e1234",
                     "12345678901234567890", "1234567890123456789", "0.00000000000000000000000001234567890123456789",
                     "1.00000000000000000000", "+1", "1E-5", "Infinity", "NaN", "7x", "18446744073709551616",
                     "18446744073709551616.5", "-36893488147419103232", "0.18446744073709551616"] {
            for after in Self.afters {
                #expect(Self.agrees(text, after: after), "\(text)\(after)")
            }
        }
        // Past what it promises: more than 19 significant digits (multiples of 2^64 among
        // them, whose digits wrap the mantissa to 0), a fifth exponent digit, a point without
        // digits after it.
        for text in ["12345678901234567890", "18446744073709551616", "18446744073709551616.5", "-36893488147419103232",
                     "00000000000000000000018446744073709551616", "1e12345", "1.", "1.5.5"] {
            #expect(Self.both(text, after: "}").plain == nil, "\(text)")
        }
    }

    /// Random numbers of every length of integer, fraction and exponent, in every
    /// position relative to the eight-byte loads, each followed by every kind of byte.
    @Test(arguments: 0..<4)
    func randomTextsAgree(chunk: Int) {
        var rng = SplitMix64(seed: UInt64(chunk) &+ 0x91A1)
        var disagreements: [String] = []
        var read = 0
        for _ in 0..<40_000 {
            func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(Unicode.Scalar(UInt8(48 + rng.next() % 10))) }) }
            var text = rng.next() % 4 == 0 ? "-" : ""
            if rng.next() % 5 == 0 { text += "0" + (rng.next() % 3 == 0 ? digits(Int(rng.next() % 3)) : "") }
            else { text += digits(Int(rng.next() % 22) + 1) }
            if rng.next() % 3 != 0 {
                text += "."
                if rng.next() % 3 == 0 { text += String(repeating: "0", count: Int(rng.next() % 25)) }
                text += digits(Int(rng.next() % 21))
            }
            if rng.next() % 3 == 0 {
                text += rng.next() % 2 == 0 ? "e" : "E"
                text += ["", "+", "-"][Int(rng.next() % 3)]
                text += digits(Int(rng.next() % 6))
            }
            let after = Self.afters[Int(rng.next() % UInt64(Self.afters.count))]
            if !Self.agrees(text, after: after) { disagreements.append(text + after) }
            if Self.both(text, after: after).plain != nil { read += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(read > 10_000)   // the generator does make texts it reads
    }

    /// Every Double's shortest text (Python's and Swift's), as metrics lines carry them.
    @Test func shortestDoublesAreReadAndAgree() {
        var rng = SplitMix64(seed: 0x5107)
        var missed: [String] = []
        for _ in 0..<100_000 {
            let d = Double(bitPattern: rng.next() & ~(0x7FF << 52) | (rng.next() % 0x7FF) << 52)
            let text = "\(d)"
            let (plain, general) = Self.both(text, after: ", ")
            if plain == nil || plain?.0.bitPattern != general?.0.bitPattern || plain?.1 != general?.1 { missed.append(text) }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
    }
}

/// `PlainDecimal.skip` steps over exactly what the general scanner steps over.
@Suite struct PlainDecimalSkipTests {
    static func ends(_ text: String) -> (plain: Int?, general: Int?) {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let line = UnsafeBufferPointer(buffer)
            var i = 0, j = 0
            return (PlainDecimal.skip(in: line, at: &i) ? i : nil, FlatJSONObject.skipPlainNumber(in: line, at: &j) ? j : nil)
        }
    }

    @Test func stepsOverWhatTheScannerStepsOver() {
        for text in ["", "-", "-I", "-Infinity", "Infinity", "x1", "1", "12345678", "123456789", "1.2898891217399542, \"epoch\"",
                     "1e-06, ", "123457.46377461897}", "1.2.3}", "1-2+3eE}", "-0", "--", "0123456789012345678901234567890",
                     "1.5x", "9999999999999999.9999999999999999e+99999, "] {
            let (plain, general) = Self.ends(text)
            #expect(plain == general, "\(text)")
        }
    }

    /// Random runs of number and other bytes, of every length around the eight-byte loads.
    @Test func randomTextsEndWhereTheScannerEnds() {
        var rng = SplitMix64(seed: 0x5C1B)
        let alphabet = Array("0123456789.+-eE,} x\"I".utf8)
        var disagreements: [String] = []
        for _ in 0..<100_000 {
            let length = Int(rng.next() % 30)
            let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(rng.next() % 4 == 0 ? alphabet.count : 15))] }
            let text = String(decoding: bytes, as: UTF8.self)
            let (plain, general) = Self.ends(text)
            if plain != general { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
