import Export
import Foundation
import Testing
import TestSupport

@Suite struct SVGExportTests {
    @Test func fiftyRunFrontierIsWellUnder200KB() {
        let svg = SVGRenderer.render(SyntheticFigures.frontier())
        let kilobytes = Double(svg.utf8.count) / 1024
        #expect(kilobytes < 150, "the 50-run frontier SVG is \(kilobytes) KB")
    }

    @Test(ExternalTool.required("xmllint", "checks that the SVG is well-formed XML"),
          arguments: ["fifty-run frontier", "hostile labels"])
    func svgIsWellFormedXML(figure: String) throws {
        // The largest figure, and one whose labels are markup and escape sequences.
        let spec = figure == "hostile labels" ? SVGExportTests.hostileSpec() : SyntheticFigures.frontier()
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/figure.svg"
        try ExternalTool.write(Array(SVGRenderer.render(spec).utf8), to: path)
        let result = try ProcessRunner.run(["xmllint", "--noout", path])
        #expect(result.status == 0, "xmllint: \(result.output)")
        #expect(result.output.isEmpty, "xmllint: \(result.output)")
    }

    @Test func eachSeriesIsOnePathAndStylesAreSharedClasses() throws {
        let spec = SyntheticFigures.frontier(pointsPerRun: 50)
        let svg = SVGRenderer.render(spec)
        let runColours = Set(spec.figure.layers.compactMap { layer -> String? in
            if case .line(let s) = layer, s.label?.hasPrefix("N = ") == true { return s.color.hex }
            return nil
        })
        // 50 curves in 10 colours: 10 stroke classes, each used by 5 paths, none inlined.
        for colour in runColours {
            let declarations = svg.components(separatedBy: "stroke:\(colour);stroke-width:0.9").count - 1
            #expect(declarations == 1, "\(colour) is declared \(declarations) times")
        }
        #expect(!svg.contains("style=\""))
        let lines = spec.figure.layers.filter { if case .line = $0 { return true } else { return false } }.count
        #expect(svg.components(separatedBy: "<path ").count - 1 >= lines)
    }

    /// The IsoFLOP figure with markup and escape sequences in its title, a label and a series name.
    static func hostileSpec() -> FigureSpec {
        var spec = SyntheticFigures.isoFLOP()
        let hostile = "run <b>&amp; \"x\" \u{1B}[31mred\u{1B}[0m"
        spec.figure.title = hostile
        spec.figure.layers.append(.annotation(Annotation(text: hostile, at: DataPoint(x: 1e9, y: 3), color: .black)))
        spec.figure.layers.append(.line(LineSeries(label: hostile, points: [DataPoint(x: 1e8, y: 3), DataPoint(x: 1e9, y: 3.1)],
                                                   color: .black)))
        return spec
    }

    @Test func hostileLabelsAreEscaped() {
        let svg = SVGRenderer.render(SVGExportTests.hostileSpec())
        #expect(!svg.contains("<b>"))
        #expect(!svg.contains("\u{1B}"))
        #expect(svg.contains("run &lt;b&gt;&amp;amp; &quot;x&quot; [31mred[0m"))
    }

    @Test func numbersAreRoundedToHundredthsOfAPoint() {
        let svg = SVGRenderer.render(SyntheticFigures.isoFLOP())
        let longDecimals = try! Regex("[0-9]\\.[0-9]{3,}")
        #expect(svg.firstMatch(of: longDecimals) == nil)
    }

    @Test(ExternalTool.required("rsvg-convert", "draws the SVG with librsvg to compare with cairo's PNG"))
    func rendersWithLibrsvgLikeCairosOwnPNG() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = SyntheticFigures.isoFLOP()
        try ExternalTool.write(Array(SVGRenderer.render(spec).utf8), to: folder + "/isoflop.svg")
        let result = try ProcessRunner.run(["rsvg-convert", "-w", "1008", "-h", "720", "-o", folder + "/isoflop.png", folder + "/isoflop.svg"])
        #expect(result.status == 0 && result.output.isEmpty, "rsvg-convert: \(result.output)")
        let rendered = try #require(FileManager.default.contents(atPath: folder + "/isoflop.png"))
        let librsvg = try #require(RasterImage(png: [UInt8](rendered)))
        let cairo = try #require(RasterImage(png: try CairoRenderer.png(spec)))
        let differing = try #require(librsvg.fractionDiffering(from: cairo, threshold: 96), "librsvg drew \(librsvg.width)×\(librsvg.height)")
        #expect(differing < 0.01, "\(differing * 100)% of pixels differ between the SVG (librsvg) and the PNG (cairo)")
    }
}
