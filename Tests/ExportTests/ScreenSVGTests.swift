import Charts
import Export
import Foundation
import Testing
import TestSupport

@Suite struct ScreenSVGTests {
    /// A real panel: a framed line chart rendered by Charts into cells.
    static func chartPanel() -> CellGrid {
        var grid = CellGrid(width: 60, height: 16)
        let theme = ThemeFile.parse("theme[main_fg]=\"#24292F\"\ntheme[title]=\"#0B0D10\"\ntheme[axis]=\"#57606A\"\ntheme[frame]=\"#AFB8C1\"",
                                    name: "light").theme
        let inner = PanelFrame.draw(in: &grid, rect: Rect(x: 0, y: 0, width: 60, height: 16), title: "Loss <curves> & fits",
                                    frameStyle: CellStyle(foreground: theme.frame), titleStyle: CellStyle(foreground: theme.title, bold: true),
                                    glyphs: .braille)
        let ink = Ink(style: CellStyle(foreground: .rgb(9, 105, 218)), marker: "*")
        let points = (0..<80).map { i -> (x: Double, y: Double) in
            let tokens = 1e8 * pow(10, Double(i) / 30)
            return (tokens, 2 + 30 / pow(tokens / 1e7, 0.3))
        }
        let chart = LineChart(series: [ChartSeries(ink: ink, points: points)], legend: [LegendEntry(label: "N=190M", ink: ink)],
                              xKind: .log10, yKind: .log10, xTitle: "tokens", yTitle: "loss")
        chart.render(into: &grid, rect: inner, style: ChartStyle(theme: theme), glyphs: .braille)
        return grid
    }

    /// The panel with an escape character planted in it, as SVG.
    static func hostileSVG() -> String {
        var grid = ScreenSVGTests.chartPanel()
        grid[58, 14] = Cell("\u{1B}")
        return CellGridSVG.render(grid, palette: SyntheticFigures.palette)
    }

    @Test func brailleAndBordersAreShapesAndTextIsEscaped() {
        let svg = ScreenSVGTests.hostileSVG()
        #expect(!svg.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "braille left as glyphs")
        #expect(!svg.contains(">─<") && !svg.contains(">│<") && !svg.contains(">╭<"), "box drawing left as glyphs")
        #expect(svg.contains("a0.94 0.94 0 1 0"), "braille dots as circles")
        #expect(svg.contains("&lt;curves&gt; &amp; fits") || svg.contains(">&lt;<"))
        #expect(!svg.contains("\u{1B}"))
    }

    @Test(ExternalTool.required("xmllint", "checks that the screen SVG is well-formed XML"))
    func theScreenSVGIsWellFormedXML() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExternalTool.write(Array(ScreenSVGTests.hostileSVG().utf8), to: folder + "/panel.screen.svg")
        let lint = try ProcessRunner.run(["xmllint", "--noout", folder + "/panel.screen.svg"])
        #expect(lint.status == 0 && lint.output.isEmpty, "xmllint: \(lint.output)")
    }

    @Test(ExternalTool.required("rsvg-convert", "draws the screen SVG with librsvg"))
    func theScreenSVGRendersWithLibrsvg() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExternalTool.write(Array(ScreenSVGTests.hostileSVG().utf8), to: folder + "/panel.screen.svg")
        let render = try ProcessRunner.run(["rsvg-convert", "-w", "864", "-o", folder + "/panel.png", folder + "/panel.screen.svg"])
        #expect(render.status == 0 && render.output.isEmpty, "rsvg-convert: \(render.output)")
        let bytes = try #require(FileManager.default.contents(atPath: folder + "/panel.png"))
        let png = try #require(RasterImage(png: [UInt8](bytes)))
        // 60 × 16 cells of 7.2 × 14.4 pt, drawn 864 px wide: 2 px per point.
        #expect(png.width == 864 && abs(png.height - 461) <= 1, "\(png.width)×\(png.height)")
        // Something was drawn: dots and borders, not a blank page.
        #expect(Set(png.pixels).count > 10)
    }
}
