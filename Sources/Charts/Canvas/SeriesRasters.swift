/// Each line series' dots, kept from one frame to the next, so a frame redraws only the
/// curves that changed and composites the rest. Why: at 10,000 runs the curves panel drew
/// every curve's segments dot by dot on every frame, a fifth of the CPU an appended line
/// cost (perf), though one curve at most had changed.
///
/// A series is found by its `ChartSeries.rasterID`, a small number (the curves panel's is
/// the run's place, twice for its faint raw curve), kept in an array: at 10,000 runs,
/// hashing a string id per series and frame and making the raw curve's id by joining two
/// strings were a tenth of a frame (perf, issue 16). It is the same as last frame when its
/// points are the very same array (the entry keeps that array alive, so a new array cannot
/// take its address) drawn on the same dot grid with the same mapping. Compositing the
/// kept dots in series order paints the same cells with the same inks as drawing the
/// segments (`SeriesRastersTests`).
///
/// Used from the UI thread only (not Sendable).
public final class SeriesRasters {
    /// What maps a series' points to dots: the canvas and the drawn domain.
    struct Mapping: Equatable {
        var columns: Int
        var rows: Int
        var x0: Double
        var xPerDot: Double
        var y1: Double
        var yPerDot: Double
    }

    final class Entry {
        let points: [(x: Double, y: Double)]
        let mapping: Mapping
        /// Painted cells as (cell index << 8 | dot bits), in cell order.
        let cells: [UInt32]
        var frame: Int

        init(points: [(x: Double, y: Double)], mapping: Mapping, cells: [UInt32], frame: Int) {
            self.points = points
            self.mapping = mapping
            self.cells = cells
            self.frame = frame
        }
    }

    /// By raster id; nil where no series of that id was drawn in the last frame.
    private var entries: [Entry?] = []
    /// By chunk (series `k × chunkSize ..< (k + 1) × chunkSize`); nil where none was kept.
    private var composites: [Composite?] = []
    /// Chunks painted from their kept composite in the last frame (for tests and profiles).
    public private(set) var compositesReused = 0
    private var frame = 0
    /// Series drawn afresh in the last frame (for tests and profiles).
    public private(set) var redrawn = 0

    public init() {}

    /// A new frame: what the last one did not use is forgotten when it ends.
    func beginFrame() {
        frame += 1
        redrawn = 0
        compositesReused = 0
    }

    func endFrame() {
        for i in entries.indices where entries[i] != nil && entries[i]!.frame != frame { entries[i] = nil }
        for i in composites.indices where composites[i] != nil && composites[i]!.frame != frame { composites[i] = nil }
    }

    /// Series per chunk.
    static let chunkSize = 128

    /// A chunk's series painted together, with what they were painted from.
    final class Composite {
        /// The chunk's series: their points' arrays, kept alive here, name them (as an entry's do).
        let series: [ChartSeries]
        let mapping: Mapping
        let painted: PaintedCells
        /// The chunk's markers (cell column and row, ink), in series order.
        let markers: [(x: Int, y: Int, ink: Ink)]
        var frame: Int

        init(series: [ChartSeries], mapping: Mapping, painted: PaintedCells, markers: [(x: Int, y: Int, ink: Ink)],
             frame: Int) {
            self.series = series
            self.mapping = mapping
            self.painted = painted
            self.markers = markers
            self.frame = frame
        }
    }

    /// Whether a chunk can be kept as a composite: kept lines and markers in drawn
    /// coordinates only (their dots and cells follow from the mapping and the points).
    static func composable(_ chunk: ArraySlice<ChartSeries>) -> Bool {
        chunk.allSatisfy { s in
            s.isTransformed && (s.kind == .markers || (s.kind == .line && (s.rasterID ?? -1) >= 0))
        }
    }

    /// Chunk `k`'s composite, the last frame's when every series in it is the same (kind,
    /// ink, raster id and the very same points array) on the same mapping; else `paint`'s.
    /// Why: at 10,000 runs the curves panel painted 20,000 kept curves cell by cell on
    /// every frame, a third of an appended line's CPU (perf, issue 16), though one run
    /// changed; a chunk's composite paints a few hundred cells for 128 curves. The kept
    /// curves' dots stay kept meanwhile (a changed chunk draws its other curves from them).
    func composite(_ k: Int, of chunk: ArraySlice<ChartSeries>, mapping: Mapping,
                   paint: () -> (PaintedCells, [(x: Int, y: Int, ink: Ink)])) -> Composite {
        if k >= composites.count { composites.append(contentsOf: repeatElement(nil, count: k + 1 - composites.count)) }
        if let c = composites[k], c.mapping == mapping, Self.same(c.series, chunk) {
            c.frame = frame
            compositesReused += 1
            for i in chunk.indices where chunk[i].kind == .line {
                if let id = chunk[i].rasterID, id < entries.count { entries[id]?.frame = frame }
            }
            return c
        }
        let (painted, markers) = paint()
        let c = Composite(series: Array(chunk), mapping: mapping, painted: painted, markers: markers, frame: frame)
        composites[k] = c
        return c
    }

    private static func same(_ kept: [ChartSeries], _ chunk: ArraySlice<ChartSeries>) -> Bool {
        guard kept.count == chunk.count else { return false }
        // Field by field: a series taken whole is a copy (its points retained).
        for (i, j) in zip(kept.indices, chunk.indices) {
            guard kept[i].kind == chunk[j].kind, kept[i].rasterID == chunk[j].rasterID,
                  kept[i].isTransformed == chunk[j].isTransformed, kept[i].ink == chunk[j].ink,
                  same(kept[i].points, chunk[j].points) else { return false }
        }
        return true
    }

    /// The series' painted cells, from the last frame when its points and mapping are the same.
    /// `id` ≥ 0 (series with a negative id are drawn afresh by the caller).
    func cells(id: Int, points: [(x: Double, y: Double)], mapping: Mapping,
               draw: () -> [UInt32]) -> [UInt32] {
        if id >= entries.count { entries.append(contentsOf: repeatElement(nil, count: id + 1 - entries.count)) }
        if let e = entries[id], e.mapping == mapping, Self.same(e.points, points) {
            e.frame = frame
            return e.cells
        }
        let cells = draw()
        redrawn += 1
        entries[id] = Entry(points: points, mapping: mapping, cells: cells, frame: frame)
        return cells
    }

    private static func same(_ a: [(x: Double, y: Double)], _ b: [(x: Double, y: Double)]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }
}
