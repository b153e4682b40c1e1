/// Spike-preserving decimation for drawing: per display column, the points with the
/// lowest and highest y (in drawn coordinates), in their original order, plus the first
/// and last points of the curve. A loss spike one step wide survives however many points
/// share its column; a 100,000-point curve becomes at most 2 × columns + 2 points.
///
/// Incremental: `feed` takes only the points appended since the last call, so a live curve
/// costs work proportional to its new points, not its length, on every frame.
public struct MinMaxDecimator: Sendable {
    public let x0: Double
    public let x1: Double
    public let columns: Int
    /// Indices kept from finished columns.
    private var kept: [Int] = []
    private var column = Int.min
    private var low = -1
    private var high = -1
    /// How many points have been fed.
    public private(set) var fedCount = 0

    public init(from x0: Double, to x1: Double, columns: Int) {
        self.x0 = x0
        self.x1 = x1
        self.columns = max(1, columns)
    }

    /// Feed points `fedCount..<x.count` (drawn coordinates; non-finite ones are skipped).
    public mutating func feed<F: BinaryFloatingPoint>(x: [F], y: [F]) {
        let n = min(x.count, y.count)
        guard n > fedCount else { return }
        let scale = x1 > x0 ? Double(columns) / (x1 - x0) : 0
        for i in fedCount..<n {
            let xi = Double(x[i]), yi = y[i]
            guard xi.isFinite, yi.isFinite else { continue }
            let c = Int(((xi - x0) * scale).rounded(.down))
            if c != column {
                flush()
                column = c
                low = i
                high = i
            } else {
                if yi < y[low] { low = i }
                if yi > y[high] { high = i }
            }
        }
        fedCount = n
    }

    private mutating func flush() {
        guard low >= 0 else { return }
        if low == high { kept.append(low) } else { kept.append(min(low, high)); kept.append(max(low, high)) }
        low = -1
        high = -1
    }

    /// The kept indices in order: the first point, each column's extremes (the open last
    /// column included) and the last point fed.
    public var indices: [Int] {
        guard fedCount > 0 else { return [] }
        var out = kept
        if low >= 0 {
            if low == high { out.append(low) } else { out.append(min(low, high)); out.append(max(low, high)) }
        }
        if out.first != 0 { out.insert(0, at: 0) }
        if out.last != fedCount - 1 { out.append(fedCount - 1) }
        return out
    }
}

public enum Decimation {
    /// The kept indices of a whole curve (see `MinMaxDecimator`); short curves are kept whole.
    public static func minMax(x: [Double], y: [Double], from x0: Double, to x1: Double, columns: Int) -> [Int] {
        let n = min(x.count, y.count)
        guard n > 2 * columns + 2 else { return Array(0..<n) }
        var decimator = MinMaxDecimator(from: x0, to: x1, columns: columns)
        decimator.feed(x: x, y: y)
        return decimator.indices
    }
}
