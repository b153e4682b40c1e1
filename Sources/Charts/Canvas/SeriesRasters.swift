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
    private var frame = 0
    /// Series drawn afresh in the last frame (for tests and profiles).
    public private(set) var redrawn = 0

    public init() {}

    /// A new frame: what the last one did not use is forgotten when it ends.
    func beginFrame() {
        frame += 1
        redrawn = 0
    }

    func endFrame() {
        for i in entries.indices where entries[i] != nil && entries[i]!.frame != frame { entries[i] = nil }
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
