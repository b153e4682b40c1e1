import RunIngest

/// The curves panel's runs, their curves and their chart series, kept from one frame to the
/// next so that a frame in which a few runs changed looks again at those runs only. Why: at
/// 10,000 runs the panel looked up every run's curve, ink and extent and built three chart
/// series per run on every frame, a quarter of an appended line's CPU (perf, issue 16),
/// though an appended line changes one run.
///
/// What a frame is made from is compared with what the kept one was made from: the visible
/// runs, their inks, the axes, the smoothing, the selected run and the dimming (any change:
/// everything is built afresh, as without the memo; the same runs in another order: the
/// kept runs and series are put in that order), then each visible run's id and store
/// revision (a changed run: its curve is looked up again, and its series rebuilt when
/// the plot's domain and width are the same; else every run's series are). A run whose
/// drawability changes (its first point, an axis it cannot be drawn on) rebuilds everything.
/// The result is the one a fresh build gives (`CurvesPanelMemoTests`).
///
/// Used from the UI thread only (not Sendable).
public final class CurvesPanelMemo {
    /// A run drawn by the panel, in drawing order.
    struct Item {
        var place: Int
        var ink: Ink
        var curve: CurveCache.Curve
        /// Where its series start in `series`, and how many it has.
        var seriesStart = 0
        var seriesCount = 0
    }

    /// What every kept value depends on besides the runs themselves.
    private struct Frame: Equatable {
        var quantity: XAxisQuantity
        var logX: Bool
        var logY: Bool
        var smoothing: Double
        var selectedID: String?
        var dimOthers: Bool
        var runCount: Int
    }

    private var frame: Frame?
    private var order: [Int] = []
    private var inks: [Ink?] = []
    /// Per place in the runs: the run's id and revision when last looked at, and its item's
    /// index in `items` (−1: not drawn). Only visible places are looked at.
    private var ids: [String] = []
    private var revisions: [Int] = []
    private var itemIndex: [Int] = []
    private(set) var items: [Item] = []
    /// The items' extents in data coordinates (x0, x1, y0, y1), apart from the items: the
    /// panel's extent is their union at every frame, read without copying the items.
    private var extents: [(Double, Double, Double, Double)] = []
    /// The items' places and inks, likewise (the forecasts' loop reads them).
    private(set) var places: [Int] = []
    private(set) var inksDrawn: [Ink] = []
    /// Runs with points that cannot be drawn on the axis.
    private(set) var hidden = 0
    /// Items whose curve changed since `series` was built.
    private var changedItems: [Int] = []

    private var series: [ChartSeries] = []
    private var seriesPlot: (domain: ClosedRange<Double>, columns: Int)?

    /// Frames built afresh, frames patched, and patched frames whose runs were reordered,
    /// for tests and profiles.
    private(set) var rebuilds = 0
    private(set) var patches = 0
    private(set) var reorders = 0

    public init() {}

    /// Forget everything (the curve cache dropped curves it kept).
    func invalidate() {
        frame = nil
        items = []
        extents = []
        places = []
        inksDrawn = []
        series = []
        seriesPlot = nil
        changedItems = []
    }

    /// Brings the drawn runs up to date with `runs` as the context shows them.
    func update(context c: PanelContext, runs: UnsafeBufferPointer<Run>, selectedID: String?, dimOthers: Bool) {
        let state = c.state
        let now = Frame(quantity: state.xAxis, logX: state.logX, logY: state.logY, smoothing: state.smoothing,
                        selectedID: selectedID, dimOthers: dimOthers, runCount: runs.count)
        // Inks by place only when they were made from these runs; else by id (not kept).
        let inksByPlace = c.inks.inkByPlace.count == runs.count
        guard inksByPlace, now == frame, c.inks.inkByPlace == inks else {
            rebuild(context: c, runs: runs, frame: now, inksByPlace: inksByPlace)
            return
        }
        if c.visible.order != order {
            guard RunOrdering.samePlaces(order, c.visible.order, count: runs.count) else {
                rebuild(context: c, runs: runs, frame: now, inksByPlace: true)
                return
            }
            reorder(to: c.visible.order)
        }
        var changed: [Int] = []
        for place in order {
            let revision = runs[place].revision
            // Revision 0: a run no store tracks, which may have changed without saying so.
            guard revision == 0 || revision != revisions[place] || runs[place].id != ids[place] else { continue }
            guard runs[place].id == ids[place] else {
                rebuild(context: c, runs: runs, frame: now, inksByPlace: true)
                return
            }
            revisions[place] = revision
            guard inks[place] != nil else { continue }   // not drawn, whatever its points
            changed.append(place)
        }
        c.curveCache.update(runs, places: changed, quantity: state.xAxis, logX: state.logX, logY: state.logY,
                            smoothing: state.smoothing)
        for place in changed {
            let curve = c.curveCache.curve(of: runs, at: place, quantity: state.xAxis, logX: state.logX, logY: state.logY,
                                           smoothing: state.smoothing)
            let extent = curve.isDrawable ? c.curveCache.extent(of: curve) : nil
            let index = itemIndex[place]
            // A run that starts or stops being drawn (or hidden) changes the items and counts.
            let was = index >= 0 ? Self.drawn : index
            let becomes = !curve.isDrawable ? Self.hiddenRun : extent == nil ? Self.notDrawn : Self.drawn
            guard was == becomes else {
                rebuild(context: c, runs: runs, frame: now, inksByPlace: true)
                return
            }
            guard index >= 0, let extent else { continue }
            items[index].curve = curve
            extents[index] = Self.flat(extent)
            changedItems.append(index)
        }
        patches += 1
    }

    /// The kept items, their extents and their series put in the table order `newOrder`
    /// (the same places as `order`), then drawn in layers as `rebuild` draws them. Why: a
    /// run that logs a line can move in the table (sorted by size then tokens, it goes
    /// after the runs of its size with fewer tokens), and building every run's curve and
    /// series again for it was a third of an appended line's CPU at 10,000 runs (perf).
    private func reorder(to newOrder: [Int]) {
        reorders += 1
        order = newOrder
        var tableOrder: [Int] = []                    // kept item indices in the new order
        tableOrder.reserveCapacity(items.count)
        for place in newOrder where itemIndex[place] >= 0 { tableOrder.append(itemIndex[place]) }
        let drawing = Self.layered(tableOrder, layer: { self.items[$0].ink.layer })
        // Only the items between the first and the last that moved are rewritten: a run
        // that logs a line moves past the runs of its size, not across all 10,000 (copying
        // every run's series was most of a reordered frame, perf).
        guard let low = drawing.indices.first(where: { drawing[$0] != $0 }),
              let high = drawing.indices.last(where: { drawing[$0] != $0 }) else { return }
        var moved = drawing[low...high].map { items[$0] }
        if seriesPlot != nil {
            let start = items[low].seriesStart, end = items[high].seriesStart + items[high].seriesCount
            var slice: [ChartSeries] = []
            slice.reserveCapacity(end - start)
            for k in moved.indices {
                let from = moved[k].seriesStart
                moved[k].seriesStart = start + slice.count
                slice.append(contentsOf: series[from..<from + moved[k].seriesCount])
            }
            series.replaceSubrange(start..<end, with: slice)
        }
        let movedExtents = drawing[low...high].map { extents[$0] }
        var newIndex: [Int: Int] = [:]
        for new in low...high { newIndex[drawing[new]] = new }
        items.replaceSubrange(low...high, with: moved)
        extents.replaceSubrange(low...high, with: movedExtents)
        places.replaceSubrange(low...high, with: moved.map(\.place))
        inksDrawn.replaceSubrange(low...high, with: moved.map(\.ink))
        for new in low...high { itemIndex[items[new].place] = new }
        changedItems = changedItems.map { newIndex[$0] ?? $0 }
    }

    /// `indices` by layer, lowest first, keeping their order within a layer (a stable sort
    /// by layer; the layers are few).
    private static func layered(_ indices: [Int], layer: (Int) -> Int) -> [Int] {
        let layers = Set(indices.map(layer)).sorted()
        guard layers.count > 1 else { return indices }
        return layers.flatMap { l in indices.filter { layer($0) == l } }
    }

    /// `itemIndex` for a run not drawn: no extent yet (or no ink), or hidden (it has points
    /// but none on the axis). `drawn` stands for any item index.
    private static let notDrawn = -1, hiddenRun = -2, drawn = 0

    private func rebuild(context c: PanelContext, runs: UnsafeBufferPointer<Run>, frame now: Frame, inksByPlace: Bool) {
        let state = c.state
        rebuilds += 1
        frame = inksByPlace ? now : nil
        order = c.visible.order
        inks = c.inks.inkByPlace
        ids = Array(repeating: "", count: runs.count)
        revisions = Array(repeating: -1, count: runs.count)
        itemIndex = Array(repeating: Self.notDrawn, count: runs.count)
        items = []
        extents = []
        hidden = 0
        func ink(at place: Int) -> Ink? { inksByPlace ? c.inks.inkByPlace[place] : c.inks.inkByRun[runs[place].id] }
        c.curveCache.update(runs, places: order.lazy.filter { ink(at: $0) != nil },
                            quantity: state.xAxis, logX: state.logX, logY: state.logY, smoothing: state.smoothing)
        for place in order {
            ids[place] = runs[place].id
            revisions[place] = runs[place].revision
            guard var ink = ink(at: place) else { continue }
            let curve = c.curveCache.curve(of: runs, at: place, quantity: state.xAxis, logX: state.logX, logY: state.logY,
                                           smoothing: state.smoothing)
            if !curve.isDrawable { hidden += 1; itemIndex[place] = Self.hiddenRun; continue }
            guard let extent = c.curveCache.extent(of: curve) else { continue }
            if runs[place].id == now.selectedID {
                ink.layer = 2
                ink.style.bold = true
            } else if now.dimOthers {
                ink.style.dim = true
            }
            items.append(Item(place: place, ink: ink, curve: curve))
            extents.append(Self.flat(extent))
        }
        // The selected run last, so it is drawn over the others (the others keep the
        // table's order).
        let drawingOrder = Self.layered(Array(items.indices), layer: { self.items[$0].ink.layer })
        items = drawingOrder.map { items[$0] }
        extents = drawingOrder.map { extents[$0] }
        places = items.map(\.place)
        inksDrawn = items.map(\.ink)
        for (index, item) in items.enumerated() { itemIndex[item.place] = index }
        changedItems = []
        series = []
        seriesPlot = nil
    }

    private static func flat(_ e: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> (Double, Double, Double, Double) {
        (e.x.lowerBound, e.x.upperBound, e.y.lowerBound, e.y.upperBound)
    }

    /// The drawn runs' extent in data coordinates (x0, x1, y0, y1), nil when none is drawn.
    var extent: (x0: Double, x1: Double, y0: Double, y1: Double)? {
        guard var e = extents.first else { return nil }
        for x in extents.dropFirst() { e = (min(e.0, x.0), max(e.1, x.1), min(e.2, x.2), max(e.3, x.3)) }
        return (e.0, e.1, e.2, e.3)
    }

    /// The drawn runs' series for a plot of this x domain and width, then `tail` (drawn over
    /// them): kept, with the changed runs' replaced, when the plot is the last one's; else
    /// built for every run. The tail is replaced in the kept array, which is not copied
    /// (the last frame's chart is gone by now): the forecasts appended to a copy of 30,000
    /// series were 3.6% of an appended line's CPU at 10,000 runs (perf).
    func series(runs: UnsafeBufferPointer<Run>, cache: CurveCache, domain: ClosedRange<Double>, columns: Int,
                tail: [ChartSeries]) -> [ChartSeries] {
        if let plot = seriesPlot, plot.domain == domain, plot.columns == columns {
            for index in changedItems {
                let made = Self.series(of: items[index], runs: runs, cache: cache, domain: domain, columns: columns)
                guard made.count == items[index].seriesCount else {
                    return rebuildSeries(runs, cache, domain, columns, tail: tail)
                }
                series.replaceSubrange(items[index].seriesStart..<items[index].seriesStart + made.count, with: made)
            }
            changedItems = []
            if series.count != curveSeriesCount || !tail.isEmpty {
                series.replaceSubrange(curveSeriesCount..., with: tail)
            }
            return series
        }
        return rebuildSeries(runs, cache, domain, columns, tail: tail)
    }

    /// How many of `series` are the runs' (the rest is the tail).
    private var curveSeriesCount = 0

    private func rebuildSeries(_ runs: UnsafeBufferPointer<Run>, _ cache: CurveCache, _ domain: ClosedRange<Double>,
                               _ columns: Int, tail: [ChartSeries]) -> [ChartSeries] {
        series = []
        series.reserveCapacity(items.count * 3)
        for index in items.indices {
            let made = Self.series(of: items[index], runs: runs, cache: cache, domain: domain, columns: columns)
            items[index].seriesStart = series.count
            items[index].seriesCount = made.count
            series.append(contentsOf: made)
        }
        seriesPlot = (domain, columns)
        changedItems = []
        curveSeriesCount = series.count
        series.append(contentsOf: tail)
        return series
    }

    /// A run's series: its faint raw curve under the smoothed one when smoothing is on, its
    /// curve, and its marker at the curve's end (so curves differ by more than colour).
    private static func series(of item: Item, runs: UnsafeBufferPointer<Run>, cache: CurveCache,
                               domain: ClosedRange<Double>, columns: Int) -> [ChartSeries] {
        let prepared = cache.prepared(item.curve, of: runs, at: item.place, xDomain: domain, columns: columns)
        var out: [ChartSeries] = []
        let drawn: [(x: Double, y: Double)]
        if let smoothed = prepared.smoothed {
            var faint = item.ink
            faint.style.dim = true
            faint.layer = item.ink.layer - 1
            out.append(ChartSeries(ink: faint, points: prepared.raw, isTransformed: true, rasterID: 2 * item.place + 1))
            drawn = smoothed
        } else {
            drawn = prepared.raw
        }
        // Rasters by the run's place: a run at a place that held another run last frame has
        // other points, which `SeriesRasters` tells apart.
        out.append(ChartSeries(ink: item.ink, points: drawn, isTransformed: true, rasterID: 2 * item.place))
        if let end = drawn.last { out.append(ChartSeries(ink: item.ink, points: [end], kind: .markers, isTransformed: true)) }
        return out
    }
}
