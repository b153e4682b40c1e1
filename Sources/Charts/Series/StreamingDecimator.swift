/// `MinMaxDecimator`'s result kept as points instead of indices into arrays the caller
/// keeps: fed one drawn point at a time, it holds only what it will draw (each finished
/// column's extremes, the open column's, the first and the newest point), at most
/// 2 × columns + 2 points whatever the curve's length (when x does not go back).
///
/// Why: `CurveCache` fed every drawn point of a run into a sketch to decimate it later, so
/// a study of short runs kept each point a second time as drawn coordinates (8 of the
/// dashboard's 36 bytes per point at 10,000 runs × 1,000 points, heaptrack, issue 16).
/// Decimating as the points arrive keeps what the screen draws instead.
///
/// Points are rounded to 32-bit floats first, as `CurveSketch` keeps them, and compared
/// as floats, so its result is point for point what `MinMaxDecimator` gives for the same
/// points kept in a sketch (`StreamingDecimatorTests`).
struct StreamingDecimator {
    let x0: Double
    let x1: Double
    let columns: Int
    private let scale: Double
    /// What the decimation draws, in feed order: the first point (unless a column keeps it),
    /// the finished columns' extremes (`finished` of them, fixed), then the open column's
    /// extremes and the newest point, written by `kept()` (so the cache holds no second
    /// copy of the drawn array: the one array is shared with the frame that draws it until
    /// the next point changes it). The open column's part is brought up to date only there,
    /// not at every point: rewriting it per point was a third of a new plot's rebuild of
    /// 10,000 runs' curves (perf, issue 16).
    private var points: [(x: Double, y: Double)] = []
    private var finished = 0
    /// Whether points arrived since `kept()` last wrote the open column's part.
    private var openColumnStale = false
    /// The open column: its number and its lowest and highest point (ordinal, x, y).
    private var column = Int.min
    private var low: (ordinal: Int, x: Float, y: Float) = (-1, 0, 0)
    private var high: (ordinal: Int, x: Float, y: Float) = (-1, 0, 0)
    private var first: (x: Float, y: Float) = (0, 0)
    private var last: (x: Float, y: Float) = (0, 0)
    /// Finite points fed so far.
    private(set) var fed = 0

    init(from x0: Double, to x1: Double, columns: Int) {
        self.x0 = x0
        self.x1 = x1
        self.columns = max(1, columns)
        scale = x1 > x0 ? Double(self.columns) / (x1 - x0) : 0
    }

    /// `points` for a frame to keep: reallocated without the room appends left at its end
    /// (an array grown by appending has up to twice the room it uses; 10,000 runs' drawn
    /// curves took 39 MiB instead of 25, heaptrack).
    mutating func kept() -> [(x: Double, y: Double)] {
        if openColumnStale {
            points.removeLast(points.count - finished)
            appendOpenColumn()
            if max(low.ordinal, high.ordinal) != fed - 1 { points.append((Double(last.x), Double(last.y))) }
            openColumnStale = false
        }
        if points.capacity > points.count + 8 { points = points.withUnsafeBufferPointer { Array($0) } }
        return points
    }

    /// Points held (for the cache's accounting): the finished columns' and, at most, the
    /// open column's three.
    var heldCount: Int { finished + (fed > 0 ? 3 : 0) }

    /// The next point in drawn coordinates; one that is not finite as a float is skipped.
    mutating func add(x px: Double, y py: Double) { add(x: Float(px), y: Float(py)) }

    /// The next point, already rounded to floats (`CurveCache` draws them so).
    mutating func add(x fx: Float, y fy: Float) {
        guard fx.isFinite, fy.isFinite else { return }
        let ordinal = fed
        fed += 1
        if ordinal == 0 { first = (fx, fy) }
        last = (fx, fy)
        openColumnStale = true
        let c = Int(((Double(fx) - x0) * scale).rounded(.down))
        if c != column {
            if low.ordinal >= 0 {
                // The open column is finished: its extremes stay.
                points.removeLast(points.count - finished)
                appendOpenColumn()
                finished = points.count
            }
            column = c
            low = (ordinal, fx, fy)
            high = low
        } else {
            if fy < low.y { low = (ordinal, fx, fy) }
            if fy > high.y { high = (ordinal, fx, fy) }
        }
    }

    /// The open column's extremes in feed order, after the first point when no column has
    /// kept it (the first column holds it, so this is decided while nothing is finished).
    private mutating func appendOpenColumn() {
        let (a, b) = low.ordinal <= high.ordinal ? (low, high) : (high, low)
        if finished == 0 && a.ordinal != 0 { points.append((Double(first.x), Double(first.y))) }
        points.append((Double(a.x), Double(a.y)))
        if b.ordinal != a.ordinal { points.append((Double(b.x), Double(b.y))) }
    }
}
