import Testing
@testable import RunIngest

/// Strings are scanned eight bytes at a time: a quote or backslash at any position of a
/// string of any length must still end it or escape, exactly as byte by byte.
@Suite struct FlatJSONStringTests {
    @Test func escapesAndEndsAtEveryPosition() throws {
        for length in 0..<40 {
            for position in 0...length {
                let plain = String(repeating: "a", count: length)
                let escaped = String(plain.prefix(position)) + "\\\"" + String(plain.dropFirst(position))
                let line = "{\"k\(plain)\": \"\(escaped)\", \"\(plain)z\": 1}"
                let members = try FlatJSONObject.parse(line)
                #expect(members.count == 2, "\(line)")
                #expect(members.first?.key == "k" + plain)
                #expect(members.first?.value == .string(String(plain.prefix(position)) + "\"" + String(plain.dropFirst(position))))
                #expect(members.last?.key == plain + "z")
            }
        }
        // A line cut inside a long string is reported, not read past its end.
        #expect(throws: FlatJSONError.self) { try FlatJSONObject.parse("{\"" + String(repeating: "b", count: 23)) }
    }
}
