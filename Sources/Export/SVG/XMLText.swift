/// Escapes text for XML character data and attribute values. Labels come from run names
/// and logs, so `<`, `&`, quotes and control characters must never reach the file raw.
enum XMLText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                // XML 1.0 forbids other C0 controls outright (xmllint rejects even &#27;); C1
                // controls and DEL are legal but invisible junk from a terminal log.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
