/// The commands' `--format json` reports as text: objects with their keys in byte order,
/// indented two spaces a level, the way `JSONSerialization` with `.prettyPrinted` and
/// `.sortedKeys` writes them except for the order of keys (and `"key": value`, `[]`).
/// Written here, not by `JSONSerialization`: its `.sortedKeys` sorts with ICU's collation,
/// whose first use loads the collation data, 6.5 of the 15 ms `scaletop runs --format json`
/// took on a one-line study (perf stat, issue 16), a start-up cost the load of every study
/// paid. Byte order is also the same on every machine, whatever its locale data.
///
/// A whole number held as a `Double` is written without a fraction (`50000000`, as
/// `JSONSerialization` wrote it), so a reader that took it for an integer still does; a NaN or
/// infinite one throws.
public enum ReportJSON {
    public struct InvalidValue: Error, CustomStringConvertible {
        public let description: String
    }

    public static func text(_ value: ReportValue) throws -> String {
        var out = ""
        try write(value, depth: 0, into: &out)
        return out
    }

    private static func write(_ value: ReportValue, depth: Int, into out: inout String) throws {
        switch value {
        case .string(let text): quote(text, into: &out)
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .number(let number):
            guard number.isFinite else { throw InvalidValue(description: "\(number) is not a JSON number") }
            out += number == number.rounded(.towardZero) && abs(number) < 0x1p63 ? String(Int(number)) : number.description
        case .null: out += "null"
        case .object(let object):
            guard !object.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (n, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                indent(depth + 1, into: &out)
                quote(key, into: &out)
                out += ": "
                try write(object[key]!, depth: depth + 1, into: &out)
                out += n == object.count - 1 ? "\n" : ",\n"
            }
            indent(depth, into: &out)
            out += "}"
        case .array(let array):
            guard !array.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (n, element) in array.enumerated() {
                indent(depth + 1, into: &out)
                try write(element, depth: depth + 1, into: &out)
                out += n == array.count - 1 ? "\n" : ",\n"
            }
            indent(depth, into: &out)
            out += "]"
        }
    }

    private static func indent(_ depth: Int, into out: inout String) {
        out += String(repeating: " ", count: 2 * depth)
    }

    /// `text` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or
    /// `\u00XX`; everything else as it is (UTF-8).
    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
