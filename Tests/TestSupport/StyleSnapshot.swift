/// The styles layer of a snapshot, `<name>.styles.txt`: a symbol a cell, in the columns
/// of the text snapshot `<name>.txt` and with row i on line i (so the two files read side by
/// side, `paste -d' ' NAME.txt NAME.styles.txt`), then a legend saying which style each
/// symbol stands for. `.` is the terminal's default style; the others are given in the order
/// they first appear, row by row, so a colour changed by a theme changes one legend line.
///
///     ..aaaaaaa...bbbb|
///     ..ccc...........|
///     -- legend: a symbol a cell, in the columns of panels-40x12.txt
///     . default
///     a foreground #eeeeee bold
///     b foreground #4a505c
///     c reverse
///
/// Styles are described by the caller (a cell grid's module knows its style type); this
/// file only needs the descriptions to be equal exactly when the styles are.
struct StyleSnapshot {
    /// Each row's cell styles, described; "" is the terminal's default.
    let rows: [[String]]
    /// The symbol standing for each description, and the descriptions in symbol order.
    private(set) var symbols: [String: Character] = ["": "."]
    private(set) var legend: [(symbol: Character, description: String)] = [(".", "")]

    static let legendMarker = "-- legend:"
    private static let rowEnd: Character = "|"

    init(rows: [[String]]) {
        self.rows = rows
        for row in rows {
            for description in row where symbols[description] == nil {
                let symbol = StyleSnapshot.symbol(symbols.count - 1)
                symbols[description] = symbol
                legend.append((symbol, description))
            }
        }
    }

    /// a–z, A–Z, 0–9, then letters beyond ASCII: enough for any screen's styles, none of
    /// them `.`, `-`, `|` or blank.
    static func symbol(_ k: Int) -> Character {
        let ascii = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        if k < ascii.count { return ascii[k] }
        // From À (U+00C0) on, skipping × and ÷.
        var value = 0xC0 + (k - ascii.count)
        if value >= 0xD7 { value += 1 }
        if value >= 0xF7 { value += 1 }
        return Character(Unicode.Scalar(UInt32(value))!)
    }

    func symbolRow(_ row: [String]) -> String {
        String(row.map { symbols[$0]! }) + String(StyleSnapshot.rowEnd)
    }

    func file(describing name: String) -> String {
        var lines = rows.map(symbolRow)
        lines.append("\(StyleSnapshot.legendMarker) a symbol a cell, in the columns of \(name).txt")
        lines += legend.map { "\($0.symbol) " + ($0.description.isEmpty ? "default" : $0.description) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A stored styles file read back into descriptions, or nil if it is not one.
    static func parse(_ file: String) -> (rows: [[String]], symbolRows: [String], legend: [Character: String])? {
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let marker = lines.firstIndex(where: { $0.hasPrefix(legendMarker) }) else { return nil }
        var legend: [Character: String] = [:]
        for line in lines[(marker + 1)...] where !line.isEmpty {
            guard let symbol = line.first, line.dropFirst().first == " " else { return nil }
            legend[symbol] = symbol == "." ? "" : String(line.dropFirst(2))
        }
        let symbolRows = Array(lines[..<marker])
        var rows: [[String]] = []
        for row in symbolRows {
            guard row.last == rowEnd else { return nil }
            rows.append(row.dropLast().map { legend[$0] ?? "<symbol \($0) is not in the legend>" })
        }
        return (rows, symbolRows, legend)
    }

    /// The first rows whose styles differ from the stored file's, each with its text, both
    /// symbol rows, a marker under the differing cells and what the first of them was and is.
    func differences(from stored: String, text: [String], limit: Int = 6) -> String {
        guard let expected = StyleSnapshot.parse(stored) else {
            return "the stored styles file is not in the expected form; re-record it"
        }
        var out: [String] = []
        var differing = 0
        for y in 0..<max(rows.count, expected.rows.count) {
            let was = y < expected.rows.count ? expected.rows[y] : nil
            let now = y < rows.count ? rows[y] : nil
            guard was != now else { continue }
            differing += 1
            guard differing <= limit else { continue }
            guard let was, let now else {
                out.append("row \(y + 1): " + (was == nil ? "not in the snapshot" : "missing from the screen"))
                continue
            }
            let columns = (0..<max(was.count, now.count)).filter { x in
                (x < was.count ? was[x] : nil) != (x < now.count ? now[x] : nil)
            }
            let first = columns[0]
            func described(_ row: [String], _ x: Int) -> String {
                x < row.count ? (row[x].isEmpty ? "default" : row[x]) : "no cell"
            }
            out.append("row \(y + 1), \(columns.count) cell\(columns.count == 1 ? "" : "s") from column \(first + 1): "
                       + "expected \(described(was, first)), got \(described(now, first))")
            out.append("  text      " + (y < text.count ? text[y] : "") + "|")
            out.append("  expected  " + expected.symbolRows[y])
            out.append("  actual    " + symbolRow(now))
            let marks = Set(columns)
            out.append("            " + String((0...(columns.last ?? 0)).map { marks.contains($0) ? "^" : " " }))
        }
        if differing > limit { out.append("… and \(differing - limit) more rows with differing styles") }
        if differing == 0 { out.append("the same styles, written differently (symbols or legend); re-record the file") }
        return out.joined(separator: "\n")
    }
}
