import Glibc
import ScalingLaws
import Testing
@testable import RunIngest

/// The JSON number reader (Clinger's fast path, Eisel–Lemire, strtod fallback) must give
/// exactly strtod's Double for every number: bit for bit, sign of zero included.
@Suite struct DecimalToDoubleTests {
    func strtodBits(_ text: String) -> UInt64 {
        text.withCString { Glibc.strtod($0, nil).bitPattern }
    }

    func ourBits(_ text: String) -> UInt64? {
        Array(text.utf8).withUnsafeBufferPointer { FlatJSONObject.number($0)?.bitPattern }
    }

    @Test(arguments: [
        "0", "-0", "0.0", "-0.0", "1", "0.1", "0.3", "1e23", "8.98846567431158e307", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "2e308", "1e-400", "-1e-400",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "5e-324", "3e-324",
        "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "2.225073858507201e-308",
        "9007199254740992", "9007199254740993", "9007199254740995", "9007199254740993.0000000001",
        "18446744073709551615", "18446744073709551616", "9999999999999999999", "99999999999999999999",
        "1.00000000000000011102230246251565404236316680908203125", "1.0000000000000001110223024625156540",
        "7.2057594037927933e16", "123456789012345678e-5", "0.000000000000000000000000000001",
        "3.0000000000000004", "2.0345678912345678", "0.00029999999999999997", "1e22", "1e-22", "1.5e-22",
        "4.35679e-5", "6.02214076e23", "1E10", "1e+10", "-1.25e-3", "100000000000000000000000",
        "1448997445238699", "7.1e-10", "1.7e+308", "8.3e-308", "4.7e-324", "1234567890123456789e-330",
        "36893488147419103232", "18446744073709551616.5", "000000000000000000000000001.5", "0.0000000000000000000000",
        "10000000000000000000000000000000000000000e-40", "0.000000000000000000001234567890123456789",
    ])
    func edgeCases(text: String) {
        #expect(ourBits(text) == strtodBits(text), "\(text)")
    }

    /// Every Double's shortest round-trip text (what Python and Swift print), from random
    /// bit patterns: all exponents, subnormals included.
    @Test(arguments: 0..<4)
    func randomDoublesPrintedShortest(chunk: Int) {
        var rng = SplitMix64(seed: UInt64(chunk) &+ 0x5EED)
        var mismatches: [String] = []
        for _ in 0..<250_000 {
            let d = Double(bitPattern: rng.next() & ~(0x7FF << 52) | (rng.next() % 0x7FF) << 52)
            let text = "\(d)"
            if ourBits(text) != strtodBits(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Random decimal texts of 1–19 significant digits and exponents across the whole range,
    /// including the 16–17-digit numbers near 1 that metrics logs are made of.
    @Test(arguments: 0..<4)
    func randomDecimalTexts(chunk: Int) {
        var rng = SplitMix64(seed: UInt64(chunk) &+ 0xDEC1)
        var mismatches: [String] = []
        for i in 0..<250_000 {
            let digits = Int(rng.next() % 19) + 1
            var mantissa = ""
            for d in 0..<digits { mantissa.append(Character(Unicode.Scalar(UInt8(48 + (d == 0 ? 1 + rng.next() % 9 : rng.next() % 10))))) }
            let exponent = i % 2 == 0 ? Int(rng.next() % 40) - 20 : Int(rng.next() % 700) - 350
            let point = Int(rng.next() % UInt64(digits + 1))
            let text = String(mantissa.prefix(point)) + (point < digits ? "." + mantissa.dropFirst(point) : "")
                + (exponent == 0 ? "" : "e\(exponent)")
            let json = text.hasPrefix(".") ? "0" + text : text
            if ourBits(json) != strtodBits(json) { mismatches.append(json) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// The fast algorithms themselves decide (no strtod fallback) for the shortest texts of
    /// Doubles, and agree with strtod.
    @Test func eiselLemireDecidesShortestTexts() {
        var rng = SplitMix64(seed: 7)
        var undecided = 0, mismatches: [String] = []
        for _ in 0..<200_000 {
            let d = Double(bitPattern: rng.next() & ~(0x7FF << 52) | (rng.next() % 0x7FF) << 52)
            let text = "\(abs(d))"
            // Digits and exponent of the text, as the scanner splits them.
            var mantissa: UInt64 = 0, exponent = 0, afterPoint = false
            let parts = text.split(separator: "e")
            for c in parts[0].utf8 {
                if c == UInt8(ascii: ".") { afterPoint = true; continue }
                mantissa = mantissa * 10 + UInt64(c - 48)
                if afterPoint { exponent -= 1 }
            }
            if parts.count == 2 { exponent += Int(parts[1])! }
            guard let value = DecimalToDouble.value(mantissa: mantissa, exponent: exponent, negative: false) else {
                undecided += 1
                continue
            }
            if value.bitPattern != strtodBits(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(undecided < 20, "Eisel–Lemire left \(undecided) of 200,000 to strtod")
    }

    /// Halfway cases: the exact midpoint between two adjacent Doubles, written out with up
    /// to 19 digits, and the numbers one unit in the last digit either side.
    @Test func halfwayPointsRoundToEven() {
        var rng = SplitMix64(seed: 42)
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            // An integer midpoint below 2^64: odd multiple of 2^(k-1) for a k-bit-ulp range.
            let k = Int(rng.next() % 11) + 1                      // ulp 2^k for numbers in [2^(52+k), 2^(53+k))
            let base = (UInt64(1) << UInt64(52 + k)) | (rng.next() & ((UInt64(1) << UInt64(52 + k)) - 1))
            let midpoint = (base >> UInt64(k)) << UInt64(k) | (UInt64(1) << UInt64(k - 1))
            for text in ["\(midpoint)", "\(midpoint - 1)", "\(midpoint + 1)"] where ourBits(text) != strtodBits(text) {
                mismatches.append(text)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}


/// The scanner's one-test-per-byte set of the bytes a JSON number may hold.
@Suite struct NumberBytesTests {
    @Test func exactlyDigitsSignsPointAndExponent() {
        let expected = Set("0123456789.+-eE".utf8)
        for b in 0...255 {
            #expect(FlatJSONObject.isNumberByte(UInt8(b)) == expected.contains(UInt8(b)), "byte \(b)")
        }
    }
}
