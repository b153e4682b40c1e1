import Export
import Testing

@Suite struct FigureLayoutTests {
    let measurer = DejaVuSansMetrics()

    func layout(_ spec: FigureSpec) -> FigureLayout { spec.painter.layout(measurer: measurer) }

    @Test func logAxisDecadesAreLabelledAsPowersOfTen() {
        let x = layout(SyntheticFigures.frontier(pointsPerRun: 20)).xTicks
        let labels = x.compactMap(\.label)
        #expect(labels.count >= 3)
        #expect(labels.allSatisfy { $0.hasPrefix("10") && $0.unicodeScalars.dropFirst(2).allSatisfy { "⁰¹²³⁴⁵⁶⁷⁸⁹⁻".unicodeScalars.contains($0) } },
                "\(labels)")
        // Minor ticks at 2…9 × 10^k between the decades, and positions increase with value.
        #expect(x.contains { !$0.isMajor })
        let sorted = x.sorted { $0.value < $1.value }
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.position < $1.position })
    }

    @Test func eNotationIsAvailableForPlainText() {
        var spec = SyntheticFigures.frontier(pointsPerRun: 20)
        spec.figure.legend = .hidden
        spec.style = FigureStyle(powerLabels: .eNotation)
        let labels = layout(try! FigureSpec.decode(spec.jsonData())).xTicks.compactMap(\.label)
        #expect(labels.contains("1e19"), "\(labels)")
    }

    @Test(arguments: [FigureSize.report, FigureSize.column, FigureSize(width: 300, height: 500)])
    func tickLabelsDoNotOverlapAndEverythingStaysOnThePage(size: FigureSize) {
        for var spec in [SyntheticFigures.frontier(pointsPerRun: 20), SyntheticFigures.isoFLOP()] {
            spec.size = size
            let l = layout(spec)
            let f = l.style.fontSize
            let boxes = l.xTicks.compactMap { t in t.label.map { ($0, t.position) } }.map { label, x in
                let w = measurer.width(of: label, size: f, bold: false)
                return (x - w / 2, x + w / 2)
            }.sorted { $0.0 < $1.0 }
            #expect(zip(boxes, boxes.dropFirst()).allSatisfy { $0.1 + 2 <= $1.0 }, "x labels overlap at \(size)")
            #expect(boxes.allSatisfy { $0.0 >= 0 && $0.1 <= size.width })
            let ys = l.yTicks.filter { $0.label != nil }.map(\.position).sorted()
            #expect(zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= f }, "y labels overlap at \(size)")
            #expect(l.plot.x > 0 && l.plot.maxX <= size.width && l.plot.y > 0 && l.plot.maxY < size.height)
            if let legend = l.legend { #expect(legend.frame.maxX <= size.width + 0.5 && legend.frame.maxY <= size.height) }
            for line in l.caption { #expect(measurer.width(of: line.text, size: l.style.captionSize, bold: false) <= size.width) }
            #expect((l.caption.last?.at.y ?? 0) < size.height)
        }
    }

    @Test func automaticLegendTakesAnEmptyCornerOrGoesOutside() {
        let iso = layout(SyntheticFigures.isoFLOP())
        let legend = try! #require(iso.legend)
        #expect(legend.isInside)
        // The IsoFLOP data leaves the upper right empty.
        #expect(legend.frame.maxX > iso.plot.x + iso.plot.width / 2 && legend.frame.y < iso.plot.y + iso.plot.height / 2)
        // 50 loss curves fill every corner: the legend moves out and the plot narrows.
        let frontier = layout(SyntheticFigures.frontier(pointsPerRun: 20))
        #expect(frontier.legend?.isInside == false)
        #expect(frontier.legend!.frame.x >= frontier.plot.maxX)
        // On a one-column figure the right side would squeeze the plot: the legend goes below,
        // in rows, and the plot keeps the page's width.
        var column = SyntheticFigures.frontier(pointsPerRun: 20)
        column.size = .column
        let narrow = layout(column)
        let below = try! #require(narrow.legend)
        #expect(below.frame.y > narrow.plot.maxY)
        #expect(Set(below.origins.map(\.y)).count < below.origins.count, "entries share rows")
        #expect(narrow.plot.width > column.size.width * 0.6)
    }

    @Test func legendRowsThatDoNotFitAreCountedNotDrawnOffThePage() {
        var spec = SyntheticFigures.isoFLOP()
        for i in 0..<60 {
            spec.figure.layers.append(.line(LineSeries(label: "run \(i)", points: [DataPoint(x: 1e8, y: 3)], color: .black)))
        }
        let legend = try! #require(layout(spec).legend)
        #expect(legend.omittedCount > 0)
        #expect(legend.entries.count + legend.omittedCount == 64)
        #expect(legend.entryOrigin(legend.entries.count).y < spec.size.height)
    }

    @Test func annotationsStayInsideThePlotAndClearOfTheLegend() {
        for spec in [SyntheticFigures.frontier(pointsPerRun: 20), SyntheticFigures.isoFLOP()] {
            let l = layout(spec)
            for a in l.annotations {
                #expect(a.box.x >= l.plot.x && a.box.maxX <= l.plot.maxX && a.box.y >= l.plot.y && a.box.maxY <= l.plot.maxY,
                        "\(a.annotation.text) leaves the plot")
                if let legend = l.legend { #expect(!a.box.intersects(legend.frame)) }
                for inset in l.insets { #expect(!a.box.intersects(inset.frame), "\(a.annotation.text) covers the inset") }
            }
        }
    }

    @Test func anInsetSitsInsideThePlotClearOfTheLegendWithItsOwnAxes() throws {
        let l = layout(SyntheticFigures.isoFLOP())
        let inset = try #require(l.insets.first)
        #expect(inset.frame.x > l.plot.x && inset.frame.maxX < l.plot.maxX && inset.frame.y > l.plot.y && inset.frame.maxY < l.plot.maxY)
        #expect(!inset.frame.intersects(try #require(l.legend).frame))
        // Laid out as a page of the inset's size, with its own decade ticks and smaller type.
        #expect(inset.layout.size.width == inset.frame.width)
        #expect(inset.layout.xTicks.compactMap(\.label) == ["10¹⁸", "10¹⁹", "10²⁰"])
        #expect(inset.layout.style.fontSize < l.style.fontSize)
        #expect(inset.layout.legend == nil && inset.layout.title.isEmpty)
    }

    @Test func pointsALogAxisCannotShowBreakTheLine() {
        let mapping = layout(SyntheticFigures.isoFLOP()).mapping
        let runs = mapping.segments([DataPoint(x: 1e8, y: 3), DataPoint(x: 2e8, y: 3), DataPoint(x: 0, y: 3),
                                     DataPoint(x: 4e8, y: 3), DataPoint(x: .nan, y: 3), DataPoint(x: 5e8, y: 3)])
        #expect(runs.map(\.count) == [2, 1, 1])
    }
}

@Suite struct FigureAxisTickTests {
    @Test func aShortAxisOverANarrowGivenDomainStillGetsTwoLabels() {
        var spec = SyntheticFigures.frontier(pointsPerRun: 20)
        spec.size = FigureSize(width: 245, height: 120)
        let labels = spec.painter.layout(measurer: DejaVuSansMetrics()).yTicks.compactMap(\.label)
        #expect(labels.count >= 2, "\(labels)")
    }

    @Test func withoutAGivenDomainTheAxisHugsTheDataButKeepsTheTerminalsTicks() {
        let l = SyntheticFigures.isoFLOP().painter.layout(measurer: DejaVuSansMetrics())
        // Sizes run from about 3.6e7 to 3.6e10: the axis does not stretch to 10^7…10^11.
        #expect(l.mapping.x.lower > 2e7 && l.mapping.x.upper < 6e10)
        #expect(l.xTicks.filter { $0.label != nil }.map(\.value) == [1e8, 1e9, 1e10])
    }
}
