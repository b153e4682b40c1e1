import RunIngest
import Testing
@testable import Charts

@Suite struct BrailleCanvasTests {
    let ink = Ink(style: CellStyle(foreground: .rgb(1, 2, 3)), marker: "*")

    @Test(arguments: [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (0, 3, 0x40),
                      (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (1, 3, 0x80)])
    func eachDotHasItsBrailleBit(x: Int, y: Int, bit: Int) {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.set(x, y, ink: ink)
        var grid = CellGrid(width: 1, height: 1)
        canvas.render(into: &grid, x: 0, y: 0)
        #expect(grid[0, 0].scalar.value == 0x2800 + UInt32(bit))
        #expect(grid[0, 0].style.foreground == .rgb(1, 2, 3))
    }

    @Test func lineRendersAsADiagonalAndASCIIFallbackUsesTheMarker() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.line(from: (0, 0), to: (3, 3), ink: ink)
        var grid = CellGrid(width: 2, height: 1)
        canvas.render(into: &grid, x: 0, y: 0)
        #expect(grid.lines == ["⠑⢄"])
        var ascii = CellGrid(width: 2, height: 1)
        canvas.render(into: &ascii, x: 0, y: 0, glyphs: .ascii)
        #expect(ascii.lines == ["**"])
    }

    @Test func higherLayerKeepsTheCellColour() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        let top = Ink(style: CellStyle(foreground: .rgb(9, 9, 9)), marker: "+", layer: 1)
        canvas.set(0, 0, ink: top)
        canvas.set(1, 1, ink: ink)
        var grid = CellGrid(width: 1, height: 1)
        canvas.render(into: &grid, x: 0, y: 0)
        #expect(grid[0, 0].style.foreground == .rgb(9, 9, 9))
        #expect(grid[0, 0].scalar.value == 0x2800 + 0x01 + 0x10)
    }

    @Test func offCanvasDotsAndHugeLinesAreClippedNotFatal() {
        var canvas = BrailleCanvas(columns: 3, rows: 2)
        canvas.set(-1, 0, ink: ink)
        canvas.set(0, 1_000_000, ink: ink)
        canvas.line(from: (-1_000_000, -5), to: (1_000_000, 5), ink: ink)
        var grid = CellGrid(width: 3, height: 2)
        canvas.render(into: &grid, x: 0, y: 0)
        #expect(grid.lines[0] != "   ")
        let empty = BrailleCanvas(columns: 0, rows: 0)
        var none = CellGrid(width: 0, height: 0)
        empty.render(into: &none, x: 0, y: 0)
        #expect(none.lines.isEmpty)
    }
}

@Suite struct SafeTextTests {
    @Test func escapeSequencesNeverReachTheGrid() {
        let evil = "\u{1B}[31mred\u{1B}[0m\u{1B}]0;pwned\u{07}run\u{9B}2J\u{202E}x\ty"
        // The bidirectional override is shown, escaped, rather than obeyed.
        #expect(SafeText.sanitize(evil) == "redrun2J\\u{202E}x y")
        var grid = CellGrid(width: 20, height: 1)
        grid.put(evil, x: 0, y: 0)
        #expect(grid.cells.allSatisfy { $0.scalar.value >= 0x20 && !(0x7F...0x9F).contains($0.scalar.value) })
    }

    @Test func charactersThatTakeNoCellAreShownEscapedSoColumnsHold() {
        // Zero-width space, joiner, BOM, bidi isolate, soft hyphen, a combining mark with no
        // precomposed form; an accent that composes (NFC) stays one cell.
        #expect(SafeText.sanitize("a\u{200B}b\u{200D}c\u{FEFF}d\u{2067}e\u{00AD}f\u{20DD}") ==
                "a\\u{200B}b\\u{200D}c\\u{FEFF}d\\u{2067}e\\u{00AD}f\\u{20DD}")
        #expect(SafeText.sanitize("re\u{0301}sume\u{0301}") == "r\u{E9}sum\u{E9}")
        for name in ["run\u{200B}", "\u{202E}run", "r\u{0308}\u{0308}un"] {
            var grid = CellGrid(width: 30, height: 1)
            let drawn = grid.put(name, x: 0, y: 0)
            #expect(drawn == SafeText.width(name))
            #expect(grid.cells.allSatisfy { !SafeText.takesNoCell($0.scalar) })
        }
    }

    @Test func fileNameBytesThatAreNotUTF8ReadAsHex() {
        let name = RawFileName.string(fromBytes: [0x72, 0xE9, 0x73])
        #expect(SafeText.sanitize(name) == "r\\xE9s")
    }

    @Test func longNamesAreShortenedInTheMiddle() {
        let name = "olmo-ladder/sweeps/lr-3e-4/190M-1xC-seed2"
        #expect(SafeText.shortened(name, toWidth: 100) == name)
        let short = SafeText.shortened(name, toWidth: 20)
        #expect(SafeText.width(short) == 20)
        #expect(short.hasPrefix("olmo-la"))
        #expect(short.hasSuffix("1xC-seed2"))
        #expect(short.contains("…"))
        // Wide characters never split, and the width is never exceeded.
        for width in 1...12 {
            #expect(SafeText.width(SafeText.shortened("模型模型模型abc模型", toWidth: width)) <= width)
        }
        #expect(SafeText.shortened("abc", toWidth: 0) == "")
    }

    @Test func clipsWithAnEllipsisAndHandlesWideCharacters() {
        var grid = CellGrid(width: 8, height: 1)
        grid.put("abcdefghij", x: 0, y: 0)
        #expect(grid.lines == ["abcdefg…"])
        var wide = CellGrid(width: 6, height: 1)
        grid = wide
        wide.put("模型ab", x: 0, y: 0)
        #expect(wide.lines == ["模型ab"])
        #expect(wide[1, 0].scalar == Cell.continuation)
        var outside = CellGrid(width: 2, height: 1)
        #expect(outside.put("x", x: 5, y: 0) == 0)
        #expect(outside.put("x", x: 0, y: -1) == 0)
    }
}

@Suite struct AxisLayoutTests {
    @Test func wideLogRangesGetDecadeTicksAndARoundedDomain() {
        let axis = AxisLayout.make(kind: .log10, lower: 1.05e8, upper: 6.3e11, maxLabels: 10)
        #expect(axis.scale.lower == 1e8)
        #expect(axis.scale.upper == 1e12)
        #expect(axis.ticks.compactMap(\.label) == ["100M", "1B", "10B", "100B", "1T"])
        #expect(axis.ticks.filter { $0.label == nil }.count == 4 * 8)
    }

    @Test func narrowLogRangesGetMantissaTicks() {
        let axis = AxisLayout.make(kind: .log10, lower: 2.66, upper: 8.1, maxLabels: 10)
        let labels = axis.ticks.compactMap(\.label)
        #expect(labels.first == "2")
        #expect(labels.last == "9" || labels.last == "10")
        #expect(labels.count >= 3 && labels.count <= 10)
    }

    @Test func theDomainDoesNotMoveWhileDataStaysInsideIt() {
        let a = AxisLayout.make(kind: .log10, lower: 1.2e8, upper: 3e10, maxLabels: 8)
        let b = AxisLayout.make(kind: .log10, lower: 1.2e8, upper: 4.1e10, maxLabels: 8)
        #expect(a == b)
    }

    @Test func linearTicksAreNiceSteps() {
        let axis = AxisLayout.make(kind: .linear, lower: 0.3, upper: 9.2, maxLabels: 6)
        #expect(axis.ticks.compactMap(\.label) == ["0", "2", "4", "6", "8", "10"])
        let flat = AxisLayout.make(kind: .linear, lower: 5, upper: 5, maxLabels: 4)
        #expect(flat.scale.lower < 5 && flat.scale.upper > 5)
    }
}

@Suite struct ThemeFileTests {
    @Test func readsBtopStyleLinesIgnoresUnknownKeysAndKeepsDefaults() {
        let text = """
        # comment
        theme[main_fg]="#102030"
        theme[status_bg]="#80"
        theme[hi_fg]="255 128 0"
        theme[cpu_box]="#FFFFFF"
        theme[main_bg]=""
        theme[size_start]="#000000"
        theme[size_end]="#FFFFFF"
        theme[title]="not a colour"
        garbage
        """
        let (theme, problems) = ThemeFile.parse(text, name: "t")
        #expect(theme.name == "t")
        #expect(theme.foreground == .rgb(0x10, 0x20, 0x30))
        #expect(theme.statusBackground == .rgb(0x80, 0x80, 0x80))
        #expect(theme.highlight == .rgb(255, 128, 0))
        #expect(theme.background == .terminalDefault)
        #expect(theme.error == Theme.dark.error)
        #expect(theme.sizeGradient == [.rgb(0, 0, 0), .rgb(255, 255, 255)])
        #expect(theme.sizeColor(0.5) == .rgb(128, 128, 128))
        #expect(problems.map(\.line) == [9, 10])
    }
}
