import Export
import Foundation
import Testing

/// Figures at the edges: nothing to draw, points no axis can show, a tiny page, a page too
/// large for a bitmap. Each must render or fail with a message, never crash.
@Suite struct EdgeCaseTests {
    static let palette = SyntheticFigures.palette

    static func figure(_ layers: [FigureLayer], x: FigureAxis.ScaleKind = .log10, y: FigureAxis.ScaleKind = .log10) -> Figure {
        Figure(title: "edge", caption: "a caption", xAxis: FigureAxis(label: "x", scale: x), yAxis: FigureAxis(label: "y", scale: y),
               layers: layers)
    }

    @Test(arguments: [
        [FigureLayer](),
        [.line(LineSeries(label: "nothing showable", points: [DataPoint(x: 0, y: -1), DataPoint(x: .nan, y: 2), DataPoint(x: .infinity, y: 1)],
                          color: .black))],
        [.markers(MarkerSet(label: "one point", points: [DataPoint(x: 1e19, y: 3)], color: .black))],
        [.band(Band(label: "flat", lower: [DataPoint(x: 1, y: 1), DataPoint(x: 1, y: 1)], upper: [DataPoint(x: 1, y: 1)], color: .black))],
    ])
    func rendersEveryFormatWithoutData(layers: [FigureLayer]) throws {
        for size in [FigureSize.report, FigureSize(width: 60, height: 40)] {
            let spec = FigureSpec(figure: EdgeCaseTests.figure(layers), palette: EdgeCaseTests.palette, size: size)
            #expect(SVGRenderer.render(spec).hasSuffix("</svg>\n"))
            #expect(try CairoRenderer.pdf(spec).starts(with: Array("%PDF".utf8)))
            #expect(try RasterImage(png: CairoRenderer.png(spec))?.width == Int((size.width * 2).rounded()))
            #expect(FigureData.layersCSV(spec.figure).hasPrefix("layer,kind,label,part,x,y\n"))
            #expect(try FigureData.json(spec).count > 0)
        }
    }

    @Test(arguments: [FigureSize(width: 0, height: 100), FigureSize(width: .nan, height: 100),
                      FigureSize(width: 100, height: -5), FigureSize(width: 40_000, height: 300)])
    func anImpossiblePageSizeIsRefusedWithAMessage(size: FigureSize) {
        let spec = FigureSpec(figure: EdgeCaseTests.figure([]), palette: EdgeCaseTests.palette, size: size)
        #expect(throws: FigureSizeError.self) { try CairoRenderer.png(spec) }
        #expect(throws: FigureSizeError.self) { try CairoRenderer.pdf(spec) }
    }
}
