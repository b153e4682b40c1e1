import Charts
import Export
import Foundation
import Testing
import TestSupport

@Suite struct ScreenTextTests {
    /// A small panel: a framed title, braille, a coloured and a reversed cell.
    static func panel() -> CellGrid {
        var grid = CellGrid(width: 12, height: 3)
        grid.put("loss ⠑⢄ x", x: 0, y: 0, style: CellStyle(foreground: .rgb(0x09, 0x69, 0xDA), bold: true))
        grid.put("N=190M", x: 1, y: 1, style: CellStyle(foreground: .rgb(0xCF, 0x22, 0x2E), background: .rgb(1, 2, 3)))
        grid.put("ok", x: 0, y: 2, style: CellStyle(reverse: true))
        return grid
    }

    @Test func plainTextIsTheGridsLines() {
        let grid = ScreenTextTests.panel()
        #expect(CellGridText.plain(grid) == grid.lines.map { $0 + "\n" }.joined())
        #expect(CellGridText.plain(grid).contains("⠑⢄"))
    }

    @Test func ansiUsesTruecolorAndResetsEveryRow() {
        let ansi = CellGridText.ansi(ScreenTextTests.panel())
        #expect(ansi.contains("\u{1B}[0;1;38;2;9;105;218mloss ⠑⢄ x"))
        #expect(ansi.contains("\u{1B}[0;38;2;207;34;46;48;2;1;2;3mN=190M"))
        #expect(ansi.contains("\u{1B}[0;7mok"))
        let rows = ansi.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.hasSuffix("\u{1B}[0m") })
        // With the escape sequences removed, what is left is the plain text.
        let stripped = SafeText.sanitize(ansi.replacingOccurrences(of: "\n", with: "\u{1}"))
        #expect(stripped.replacingOccurrences(of: "\u{1}", with: "\n") == CellGridText.plain(ScreenTextTests.panel()).replacingOccurrences(of: "\n", with: ""))
    }

    @Test func escapeCharactersInCellsNeverReachTheOutput() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("a<&b", x: 0, y: 0)
        grid[4, 0] = Cell("\u{1B}")          // set directly, bypassing put's sanitising
        grid[5, 0] = Cell("\u{9B}")          // C1 CSI
        let ansi = CellGridText.ansi(grid)
        #expect(ansi.filter { $0 == "\u{1B}" }.count == 2)   // only our own two SGR sequences
        #expect(!ansi.unicodeScalars.contains("\u{9B}"))
        #expect(ansi.contains("a<&b\u{FFFD}\u{FFFD}"))
        let html = CellGridText.html(grid, palette: SyntheticFigures.palette)
        #expect(html.contains("a&lt;&amp;b\u{FFFD}\u{FFFD}"))
        #expect(!html.contains("\u{1B}"))
    }

    /// The panel with markup planted in it, as a titled HTML page.
    static func hostileHTML() -> String {
        var grid = ScreenTextTests.panel()
        grid.put("<script>&", x: 0, y: 2)
        return CellGridText.html(grid, palette: SyntheticFigures.palette, title: "a <title> & more")
    }

    @Test func htmlKeepsBrailleAndColoursAndEscapesMarkup() {
        let html = ScreenTextTests.hostileHTML()
        #expect(html.contains("⠑⢄"))
        #expect(html.contains("<span style=\"color:#0969da;font-weight:bold\">loss ⠑⢄ x</span>"))
        #expect(html.contains("&lt;script&gt;&amp;"))
        #expect(!html.contains("<script>"))
    }

    @Test(ExternalTool.required("xmllint", "checks that the HTML is well-formed as XML and as HTML"))
    func htmlIsWellFormed() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExternalTool.write(Array(ScreenTextTests.hostileHTML().utf8), to: folder + "/panel.html")
        let asXML = try ProcessRunner.run(["xmllint", "--noout", folder + "/panel.html"])
        #expect(asXML.status == 0 && asXML.output.isEmpty, "xmllint: \(asXML.output)")
        let asHTML = try ProcessRunner.run(["xmllint", "--html", "--noout", folder + "/panel.html"])
        #expect(asHTML.status == 0 && asHTML.output.isEmpty, "xmllint --html: \(asHTML.output)")
    }

    @Test func wideCharactersAreWrittenOnce() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("中a", x: 0, y: 0)
        #expect(CellGridText.plain(grid) == "中a \n")
        #expect(CellGridText.ansi(grid) == "\u{1B}[0m中a \u{1B}[0m\n")
    }
}
