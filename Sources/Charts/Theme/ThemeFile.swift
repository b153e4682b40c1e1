/// Parses theme files in btop's format: one `theme[key]="value"` per line, `#` comments,
/// values `#RRGGBB`, `#GG` (grey) or `R G B` in decimal, empty for the terminal default.
/// Unknown keys are ignored and missing keys keep the base theme's colours, so a theme
/// written for an older scaletop still loads.
public enum ThemeFile {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String, name: String, base: Theme = .dark) -> (theme: Theme, problems: [Problem]) {
        var theme = base
        theme.name = name
        var problems: [Problem] = []
        var gradient: [Int: Color] = [:]
        var palette: [Int: Color] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]"),
                  let equals = line[close...].firstIndex(of: "=") else {
                problems.append(Problem(line: index + 1, message: "expected theme[key]=\"value\""))
                continue
            }
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
            var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard let color = parseColor(value) else {
                problems.append(Problem(line: index + 1, message: "\(key): '\(value)' is not a colour"))
                continue
            }
            switch key {
            case "main_bg": theme.background = color
            case "main_fg": theme.foreground = color
            case "inactive_fg": theme.inactive = color
            case "title": theme.title = color
            case "div_line", "frame": theme.frame = color
            case "axis": theme.axis = color
            case "grid": theme.grid = color
            case "status_bg": theme.statusBackground = color
            case "status_fg": theme.statusForeground = color
            case "error_fg": theme.error = color
            case "hi_fg": theme.highlight = color
            case "size_start": gradient[0] = color
            case "size_mid": gradient[1] = color
            case "size_end": gradient[2] = color
            default:
                if key.hasPrefix("run_"), let n = Int(key.dropFirst(4)), (1...32).contains(n) {
                    palette[n] = color
                }   // other keys: ignored, as btop does
            }
        }
        if !gradient.isEmpty {
            theme.sizeGradient = [0, 1, 2].compactMap { gradient[$0] }
        }
        if !palette.isEmpty {
            theme.runPalette = palette.keys.sorted().map { palette[$0]! }
        }
        return (theme, problems)
    }

    static func parseColor(_ value: String) -> Color? {
        if value.isEmpty { return .terminalDefault }
        if value.hasPrefix("#") {
            let hex = value.dropFirst()
            if hex.count == 6, let v = UInt32(hex, radix: 16) {
                return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
            }
            if hex.count == 2, let v = UInt8(hex, radix: 16) { return .rgb(v, v, v) }
            return nil
        }
        let parts = value.split(separator: " ").compactMap { UInt8($0) }
        return parts.count == 3 ? .rgb(parts[0], parts[1], parts[2]) : nil
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
