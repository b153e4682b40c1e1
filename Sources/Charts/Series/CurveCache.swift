import Glibc
import RunIngest

/// Each run's curve in drawn coordinates (log10 where the axis is logarithmic), smoothed
/// and decimated, kept between frames and extended only by the points appended since the
/// last frame. Without it a frame of 200 runs × 100,000 points would take hundreds of
/// log10 calls per point drawn; with it an appended point costs a few operations.
///
/// What it keeps per run is bounded by the screen's resolution, not by the run's length:
/// for a run of up to `sketchAbove` points, the decimated curve of the last plot, extended
/// as points arrive (`StreamingDecimator`: a few hundred points on a usual terminal) and
/// rebuilt from the run's points when the plot changes; for a longer run, a `CurveSketch`
/// (at most a few thousand points) of the raw and of the smoothed curve, decimated from it
/// when the run or the plot changes. Never every point's drawn coordinates.
///
/// Used from the UI thread only: not Sendable, so the compiler keeps it there.
public final class CurveCache {
    /// What a curve's drawn coordinates depend on.
    struct Key: Equatable {
        var quantity: XAxisQuantity
        var logX: Bool
        var logY: Bool
        var smoothing: Double
        var tokensPerStep: Double?
        var flopsPerToken: Double?
        var parameters: Double?

        /// Whether the curve is smoothed (a strength of 0 or 1 leaves it as it is).
        var smooths: Bool { smoothing > 0 && smoothing < 1 }
    }

    final class Entry {
        let runID: String
        var key: Key
        var count = 0
        var firstStep = 0
        var lastStep = 0
        /// The drawn coordinates of the next point, with the smoothing's average so far.
        var drawing: DrawnCurve
        /// Sketches of the raw and smoothed curve, once the run is longer than `sketchAbove`.
        var sketch: (raw: CurveSketch, smooth: CurveSketch)?
        /// The curve decimated for the last plot, and the points it was made from.
        var plot: PlotCurve?
        /// The extent of the points the axes can draw, in data coordinates: log10 is
        /// increasing, so the drawn extent's ends are these ends' logarithms, and a point's
        /// logarithm is never needed for it (nor a `pow` per frame to undo one).
        var extent = DataExtent()
        /// The run's revision when `curve(of:at:…)` last brought the entry up to date, and
        /// whether the run could be drawn by the key's quantity then.
        var revision = Int.min
        var drawable = true

        init(runID: String, key: Key) {
            self.runID = runID
            self.key = key
            drawing = DrawnCurve(key: key)
        }
    }

    /// Runs longer than this keep a sketch of their curve (the decimation of a new plot
    /// then reads the sketch, not every point); shorter ones are read again from the run.
    static let sketchAbove = 3 * CurveSketch.buckets

    /// A curve decimated for one plot (its x domain in drawn coordinates and dot columns).
    struct PlotCurve {
        let x0: Double
        let x1: Double
        let columns: Int
        /// Extended point by point as the run grows; nil for a sketched run (its sketch is
        /// decimated instead).
        var raw: StreamingDecimator?
        var smooth: StreamingDecimator?
        /// The last result, for the run's first `fed` points: the same array frame after
        /// frame while the run is unchanged (`SeriesRasters` knows a series by its array).
        var prepared: Prepared?
        var fed = 0
    }

    /// A run's points in drawn coordinates (log10 where the axis is), one after another,
    /// with the smoothing's debiased EMA (`CurveSmoothing`) continued from point to point.
    struct DrawnCurve {
        let key: Key
        var average = 0.0
        var weight = 0.0
        /// Read once: a static's every use checks that it was made.
        private let floatLog10 = DrawnLog10.shared

        init(key: Key) { self.key = key }

        /// The run's point at `i`, drawn. Read from the columns without building the point (a
        /// fifth of redrawing 10,000 runs for a new plot, perf, issue 16). `points` are the
        /// run's, taken once by the caller: `run.points.loss(at:)` here copied the points'
        /// struct for every point (a memcpy per point, 7% of loading 1e8 points).
        mutating func next(_ run: Run, _ points: MetricPoints, at i: Int) -> DrawnPoint {
            let dataX = run.x(key.quantity, atPosition: i, of: points) ?? .nan
            let dataY = points.loss(at: i)
            let x = drawn(dataX, key.logX)
            guard key.smooths else {
                return DrawnPoint(dataX: dataX, dataY: dataY, x: x, y: drawn(dataY, key.logY), smoothed: .nan)
            }
            // The average needs the drawn y to a double's precision.
            guard let y = CurveCache.transform(dataY, key.logY) else {
                return DrawnPoint(dataX: dataX, dataY: dataY, x: x, y: .nan, smoothed: .nan)
            }
            average = key.smoothing * average + (1 - key.smoothing) * y
            weight = key.smoothing * weight + (1 - key.smoothing)
            return DrawnPoint(dataX: dataX, dataY: dataY, x: x, y: Float(y), smoothed: Float(average / weight))
        }

        /// `Float(transform(v))`, NaN where the axis cannot draw `v`.
        private func drawn(_ v: Double, _ log: Bool) -> Float {
            log ? floatLog10(v) ?? .nan : v.isFinite ? Float(v) : .nan
        }
    }

    /// A point of a run's curve: where it is in data coordinates and where it is drawn.
    struct DrawnPoint {
        var dataX: Double
        var dataY: Double
        /// Drawn coordinates (log10 where the axis is logarithmic) as the sketches and
        /// decimators keep them, 32-bit floats; NaN where the axis cannot draw the point.
        var x: Float
        var y: Float
        /// The smoothed y, drawn; NaN when smoothing is off or y cannot be drawn.
        var smoothed: Float
    }

    /// The extent of a curve's drawable points in data coordinates (ends crossed while empty).
    struct DataExtent {
        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity

        /// Widened to the point (x, y) in data coordinates when both can be drawn on these axes.
        mutating func include(x: Double, y: Double, logX: Bool, logY: Bool) {
            guard x.isFinite, y.isFinite, !logX || x > 0, !logY || y > 0 else { return }
            x0 = min(x0, x)
            x1 = max(x1, x)
            y0 = min(y0, y)
            y1 = max(y1, y)
        }
    }

    /// Entries by run, x quantity and smoothing: the frontier panel draws runs by compute,
    /// unsmoothed, while the curves panel draws them on its own axis and smoothing, and one
    /// entry per run made each evict the other's at every frame (rebuilt from every point)
    /// when both were drawn. `retain(runIDs:curves:)` keeps only the curves in use.
    struct EntryID: Hashable {
        var run: String
        var quantity: XAxisQuantity
        var smoothing: Double
    }

    private(set) var entries: [EntryID: Entry] = [:]
    /// The entries last looked up by `curve(of:at:…)`, by the run's place, for one x
    /// quantity and smoothing (the curves panel's): it finds 10,000 unchanged curves per
    /// frame, and hashing each run's id was a few per cent of a frame (perf, issue 16). An
    /// entry found here counts only when it is the run's (same id) and still current.
    private struct Drawing: Equatable {
        var quantity: XAxisQuantity
        var smoothing: Double
    }
    private var placesDrawing: Drawing?
    private var byPlace: [Entry?] = []
    /// The curves' dots from the last frame (the panel's series are named by run).
    public let rasters = SeriesRasters()
    /// The curves panel's runs and series from the last frame, which hold this cache's curves.
    public let curvesPanel = CurvesPanelMemo()
    /// The frontier panel's cells from the last frame (kept here: this cache is what the
    /// dashboard keeps from frame to frame).
    public let frontierPanel = FrontierPanelMemo()

    public init() {}

    /// A run's curve prepared for drawing on a plot whose x domain (drawn coordinates)
    /// spans `columns` dot columns.
    public struct Prepared: Sendable {
        /// Drawn coordinates (log10 of the data on a log axis), decimated: pass them to
        /// `ChartSeries(…, isTransformed: true)`.
        public var raw: [(x: Double, y: Double)]
        /// Present when smoothing is on.
        public var smoothed: [(x: Double, y: Double)]?
    }

    /// The data extent of a run's curve on these axes, in data coordinates; nil when the
    /// run has no drawable point.
    public func extent(of run: Run, quantity: XAxisQuantity, logX: Bool, logY: Bool,
                       smoothing: Double) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        extent(of: Curve(entry: entry(for: run, key: key(run, quantity, logX, logY, smoothing))))
    }

    public func prepared(_ run: Run, quantity: XAxisQuantity, logX: Bool, logY: Bool, smoothing: Double,
                         xDomain: ClosedRange<Double>, columns: Int) -> Prepared {
        let curve = Curve(entry: entry(for: run, key: key(run, quantity, logX, logY, smoothing)))
        return [run].withUnsafeBufferPointer { prepared(curve, of: $0, at: 0, xDomain: xDomain, columns: columns) }
    }

    /// A run's curve as kept for this frame: looked up once, then read for its extent and
    /// its prepared points.
    public struct Curve {
        fileprivate let entry: Entry
        /// False when the run has points but none has a value on the quantity (no tokens).
        public var isDrawable: Bool { entry.drawable }
    }

    /// The curve of `runs[place]` by `quantity`. A run unchanged since the last look (same
    /// store revision, axes and metadata) is found by its id without being read further. Why the
    /// buffer and place instead of a run: a run passed to a call is copied (a dozen
    /// retains), and the curves panel looks at 10,000 runs per frame (perf, issue 16).
    public func curve(of runs: UnsafeBufferPointer<Run>, at place: Int, quantity: XAxisQuantity, logX: Bool, logY: Bool,
                      smoothing: Double) -> Curve {
        let key = Self.key(of: runs, at: place, quantity, logX, logY, smoothing)
        let drawing = Drawing(quantity: quantity, smoothing: smoothing)
        let revision = runs[place].revision
        func isCurrent(_ e: Entry) -> Bool { e.revision == revision && e.key == key }
        // Revision 0: a run no store tracks (built by hand, changed without a revision).
        if revision != 0 {
            if let e = rememberedEntry(runs, at: place, key: key) { return Curve(entry: e) }
            if let e = entries[EntryID(run: runs[place].id, quantity: quantity, smoothing: smoothing)], isCurrent(e) {
                remember(e, at: place, of: runs.count, for: drawing)
                return Curve(entry: e)
            }
        }
        let e = entry(for: runs[place], key: key)
        e.revision = revision
        e.drawable = runs[place].points.isEmpty || runs[place].supports(quantity)
        remember(e, at: place, of: runs.count, for: drawing)
        return Curve(entry: e)
    }

    /// The entry last looked up for `runs[place]`, when it is still that run's current curve
    /// for `key`: found without hashing the run's id. Nil for revision 0 (a run no store
    /// tracks may have changed without saying so).
    func rememberedEntry(_ runs: UnsafeBufferPointer<Run>, at place: Int, key: Key) -> Entry? {
        let revision = runs[place].revision
        guard revision != 0, placesDrawing == Drawing(quantity: key.quantity, smoothing: key.smoothing), place < byPlace.count,
              let e = byPlace[place], e.runID == runs[place].id, e.revision == revision, e.key == key else { return nil }
        return e
    }

    /// The key of `runs[place]`'s curve, its metadata's fields read one by one (the
    /// metadata passed whole is a copy).
    static func key(of runs: UnsafeBufferPointer<Run>, at place: Int, _ quantity: XAxisQuantity, _ logX: Bool,
                    _ logY: Bool, _ smoothing: Double) -> Key {
        Key(quantity: quantity, logX: logX, logY: logY, smoothing: smoothing,
            tokensPerStep: runs[place].metadata.tokensPerStep, flopsPerToken: runs[place].metadata.flopsPerToken,
            parameters: runs[place].metadata.parameters)
    }

    private func remember(_ e: Entry, at place: Int, of count: Int, for drawing: Drawing) {
        if placesDrawing != drawing || byPlace.count != count {
            placesDrawing = drawing
            byPlace = Array(repeating: nil, count: count)
        }
        byPlace[place] = e
    }

    /// The curve's extent in data coordinates; nil when it has no point the axes can draw.
    public func extent(of curve: Curve) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let e = curve.entry.extent
        guard e.x0 <= e.x1, e.y0 <= e.y1 else { return nil }
        return (e.x0...e.x1, e.y0...e.y1)
    }

    /// The curve of `runs[place]` (the run it was looked up for) decimated for a plot whose
    /// x domain (data coordinates) spans `columns` dot columns, smoothed too when the
    /// curve's smoothing is on. The run is read only for a plot the curve was not drawn on.
    public func prepared(_ curve: Curve, of runs: UnsafeBufferPointer<Run>, at place: Int, xDomain: ClosedRange<Double>,
                         columns: Int) -> Prepared {
        let e = curve.entry
        let (logX, smoothing) = (e.key.logX, e.key.smoothing)
        let x0 = Self.transform(xDomain.lowerBound, logX) ?? 0, x1 = Self.transform(xDomain.upperBound, logX) ?? 1
        let columns = max(1, columns)
        // Read field by field: the plot taken whole is a copy (its arrays retained), for
        // each of 10,000 runs per frame.
        if e.plot?.x0 == x0, e.plot?.x1 == x1, e.plot?.columns == columns {
            // Unchanged since the last frame (no new point, same plot): the same points again.
            if e.plot?.fed == e.count, let prepared = e.plot?.prepared { return prepared }
        } else {
            e.plot = plot(of: e, run: runs[place], from: x0, to: x1, columns: columns)
        }
        var plot = e.plot!
        e.plot = nil   // changed in place below, not copied
        let prepared: Prepared
        if let sketch = e.sketch {
            prepared = Prepared(raw: Self.decimated(sketch.raw, from: x0, to: x1, columns: columns),
                                smoothed: smoothing > 0 ? Self.decimated(sketch.smooth, from: x0, to: x1, columns: columns) : nil)
        } else {
            prepared = Prepared(raw: plot.raw?.kept() ?? [], smoothed: smoothing > 0 ? plot.smooth?.kept() ?? [] : nil)
        }
        plot.prepared = prepared
        plot.fed = e.count
        e.plot = plot
        return prepared
    }

    /// A new plot's decimation of the curve: empty for a sketched run (its sketch is
    /// decimated), else every point of the run drawn afresh and fed to the decimators.
    private func plot(of e: Entry, run: Run, from x0: Double, to x1: Double, columns: Int) -> PlotCurve {
        var plot = PlotCurve(x0: x0, x1: x1, columns: columns)
        guard e.sketch == nil else { return plot }
        plot.raw = StreamingDecimator(from: x0, to: x1, columns: columns)
        if e.key.smoothing > 0 { plot.smooth = StreamingDecimator(from: x0, to: x1, columns: columns) }
        let points = run.points
        var drawing = DrawnCurve(key: e.key)
        for i in 0..<min(e.count, points.count) {
            let p = drawing.next(run, points, at: i)
            plot.raw!.add(x: p.x, y: p.y)
            plot.smooth?.add(x: p.x, y: p.smoothed)
        }
        return plot
    }

    private static func decimated(_ sketch: CurveSketch, from x0: Double, to x1: Double,
                                  columns: Int) -> [(x: Double, y: Double)] {
        var decimator = MinMaxDecimator(from: x0, to: x1, columns: columns)
        decimator.feed(x: sketch.x, y: sketch.y)
        return decimator.indices.map { (x: Double(sketch.x[$0]), y: Double(sketch.y[$0])) }
    }

    /// Drawn points kept for a run's curves (raw and smoothed, in sketches or decimators):
    /// bounded, whatever the run's length.
    func keptPoints(of id: String) -> Int {
        entries.filter { $0.key.run == id }.values.reduce(0) { total, e in
            total + (e.sketch.map { $0.raw.x.count + $0.smooth.x.count } ?? 0)
                + (e.plot?.raw?.heldCount ?? 0) + (e.plot?.smooth?.heldCount ?? 0)
        }
    }

    /// Forget runs that are gone and, when `curves` is given, every curve but those (an
    /// x quantity and a smoothing each): what the panels draw now.
    public func retain(runIDs: Set<String>, curves: [(quantity: XAxisQuantity, smoothing: Double)]? = nil) {
        entries = entries.filter { id, _ in
            runIDs.contains(id.run) && (curves?.contains { $0.quantity == id.quantity && $0.smoothing == id.smoothing } ?? true)
        }
        placesDrawing = nil
        byPlace = []
        curvesPanel.invalidate()
    }

    /// Entries made afresh so far, and entries fed on several threads (for tests).
    private(set) var entriesMade = 0
    var entriesFedInParallel = 0
    /// New points below which `update(_:places:…)` leaves the drawing to `curve(of:at:…)`
    /// on the UI thread: handing a few hundred points to another core costs more than it
    /// saves. Tests set it to 0 to take the parallel path with few points.
    var parallelFeedAbove = 50_000

    private func key(_ run: Run, _ q: XAxisQuantity, _ logX: Bool, _ logY: Bool, _ s: Double) -> Key {
        Key(quantity: q, logX: logX, logY: logY, smoothing: s, tokensPerStep: run.metadata.tokensPerStep,
            flopsPerToken: run.metadata.flopsPerToken, parameters: run.metadata.parameters)
    }

    private func entry(for run: Run, key: Key) -> Entry {
        let e = lookUp(run, key: key)
        Self.feed(e, from: run)
        return e
    }

    /// The run's entry for `key`: the kept one while it is still valid, else a new one
    /// (stored), not yet fed the run's new points.
    func lookUp(_ run: Run, key: Key) -> Entry {
        let id = EntryID(run: run.id, quantity: key.quantity, smoothing: key.smoothing)
        let existing = entries[id]
        var e = existing ?? Entry(runID: run.id, key: key)
        // Still valid when the axes, metadata and every point seen so far are unchanged
        // (a rewind or a rewritten file changes the steps).
        let count = run.points.count
        let stillValid = e.key == key && count >= e.count
            && (e.count == 0 || (run.points.step(at: 0) == e.firstStep && run.points.step(at: e.count - 1) == e.lastStep))
        if !stillValid {
            e = Entry(runID: run.id, key: key)
        }
        // An entry is a reference: stored again only when it is new (a second hash per run
        // and frame otherwise).
        if e !== existing {
            entries[id] = e
            entriesMade += 1
        }
        return e
    }

    /// The run's points the entry has not seen, drawn into it. Touches only the entry and
    /// reads only the run, so entries of different runs may be fed on different threads
    /// (`update(_:places:…)`).
    static func feed(_ e: Entry, from run: Run) {
        let points = run.points
        let key = e.key
        guard points.count > e.count else { return }
        if e.sketch == nil && points.count > Self.sketchAbove {
            // Long enough to keep a sketch: the points so far drawn into it once.
            var sketch = (raw: CurveSketch(), smooth: CurveSketch())
            var drawing = DrawnCurve(key: key)
            for i in 0..<e.count { Self.add(drawing.next(run, points, at: i), to: &sketch, key: key) }
            e.sketch = sketch
            e.plot = nil
        }
        // The entry's fields as locals, changed in place and put back after the loop: a
        // class's field changed per point took a runtime exclusivity check each time (3% of
        // loading 1e8 points, perf, issue 16).
        var sketch = e.sketch
        e.sketch = nil
        var plot = e.plot
        e.plot = nil
        var drawing = e.drawing
        var extent = e.extent
        if sketch == nil && plot?.raw == nil && !key.smooths {
            // Nothing keeps drawn points yet (a short run no plot has drawn so far; the plot,
            // once made, draws every point): only the extent, in data space, no logarithm.
            for i in e.count..<points.count {
                extent.include(x: run.x(key.quantity, atPosition: i, of: points) ?? .nan, y: points.loss(at: i),
                               logX: key.logX, logY: key.logY)
            }
        } else {
            for i in e.count..<points.count {
                let p = drawing.next(run, points, at: i)
                extent.include(x: p.dataX, y: p.dataY, logX: key.logX, logY: key.logY)
                if sketch != nil {
                    Self.add(p, to: &sketch!, key: key)
                } else if plot?.raw != nil {
                    plot!.raw!.add(x: p.x, y: p.y)
                    plot!.smooth?.add(x: p.x, y: p.smoothed)
                }
            }
        }
        e.sketch = sketch
        e.plot = plot
        e.drawing = drawing
        e.extent = extent
        e.count = points.count
        e.firstStep = points.step(at: 0)
        e.lastStep = points.step(at: points.count - 1)
    }

    /// A drawn point into the sketches (the smoothed one only when smoothing is on).
    private static func add(_ p: DrawnPoint, to sketch: inout (raw: CurveSketch, smooth: CurveSketch), key: Key) {
        sketch.raw.add(x: p.x, y: p.y)
        if key.smooths { sketch.smooth.add(x: p.x, y: p.smoothed) }
    }

    static func transform(_ v: Double, _ log: Bool) -> Double? {
        guard v.isFinite else { return nil }
        if !log { return v }
        return v > 0 ? log10(v) : nil
    }
}
