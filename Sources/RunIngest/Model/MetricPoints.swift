/// A run's points, stored by column in about 16 bytes a point instead of `MetricPoint`'s 48,
/// because a study holds hundreds of millions of them (issue 16: 6 GiB for 1e8 points).
///
/// Reads as a collection of `MetricPoint` (each built on read), so code that walks a curve
/// does not change. Precision, decided once here:
/// - Steps are exact (a per-run base plus 32-bit offsets, widened to full integers when an
///   offset does not fit).
/// - The last `exactCount` points are kept exactly as appended: the last point's printed
///   loss, tokens, compute and time, and the tail mean of the loss the fits use (at most 20
///   points, `RunSummary.tailMeanLoss`), are those of the log. After a rewind that reaches
///   further back than that window, only the points appended since are exact.
/// - Older points keep loss, tokens, compute and learning rate as 32-bit floats (relative
///   error at most 2⁻²⁴ ≈ 6e-8: far below any loss curve's noise, invisible on a plot, and
///   what TensorBoard logs in anyway) and wall time as a 32-bit offset from the run's first
///   time (well under a second for a run of months). A value a float cannot hold (beyond
///   ±3.4e38, or a nonzero one below 1.2e-38) widens its column to doubles, exact from then.
/// - Optional columns (tokens, compute, learning rate, wall time) take no space until the
///   run has a value for them.
public struct MetricPoints: RandomAccessCollection, Sendable {
    /// How many of the newest points are kept exactly.
    public static let exactCount = 24

    private var settled = SettledColumns()
    /// The newest points, exact: a ring of at most `exactCount` points; `recentStart` is
    /// the oldest one's slot once the ring is full (0 until then).
    private var recent: [MetricPoint] = []
    private var recentStart = 0

    public init() {}

    public init<S: Sequence>(_ points: S) where S.Element == MetricPoint {
        reserveCapacity(points.underestimatedCount)
        for p in points { append(p) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { settled.count + recent.count }

    public subscript(position: Int) -> MetricPoint {
        position < settled.count ? settled[position] : recentPoint(position)
    }

    /// The step of the point at `position` alone (cheaper than building the point).
    public func step(at position: Int) -> Int {
        position < settled.count ? settled.steps[position] : recentPoint(position).step
    }

    /// The loss, tokens and compute of the point at `position` alone (NaN or nil as the
    /// point has them), cheaper than building the point: a new plot draws every point of
    /// 10,000 runs afresh, and building each point was a fifth of it (perf, issue 16).
    public func loss(at position: Int) -> Double {
        position < settled.count ? settled.loss(at: position) : recentPoint(position).loss
    }

    public func tokens(at position: Int) -> Double? {
        position < settled.count ? settled.tokens(at: position) : recentPoint(position).tokens
    }

    public func flops(at position: Int) -> Double? {
        position < settled.count ? settled.flops(at: position) : recentPoint(position).flops
    }

    /// The point at `position` in the ring of exact points (at or after the settled ones).
    private func recentPoint(_ position: Int) -> MetricPoint {
        let s = settled.count
        precondition(position >= s && position < s + recent.count, "index out of range")
        let slot = recentStart + position - s
        return recent[slot < recent.count ? slot : slot - recent.count]
    }

    /// Add a point at the end (no rewind rule here: `Run.append` applies it).
    public mutating func append(_ point: MetricPoint) {
        if recent.count < Self.exactCount {
            if recent.isEmpty { recent.reserveCapacity(Self.exactCount) }
            recent.append(point)
        } else {
            settled.append(recent[recentStart])
            recent[recentStart] = point
            recentStart = recentStart + 1 == recent.count ? 0 : recentStart + 1
        }
    }

    /// `appendRewinding` of each point in turn. Points whose steps go on from the last one,
    /// each after the one before, are stored as a block: all but the newest `exactCount` go
    /// straight to the settled columns, a column at a time, instead of each passing through
    /// the ring. Returns how many points rewinds dropped.
    mutating func append<C: RandomAccessCollection>(contentsOf points: C) -> Int where C.Element == MetricPoint {
        guard points.count > Self.exactCount, Self.stepsGoOn(points, after: isEmpty ? nil : step(at: count - 1)) else {
            return points.reduce(0) { $0 + appendRewinding($1) }
        }
        // Oldest first: the ring's points (from its oldest slot round), then the block's, all
        // but its newest `exactCount`.
        for p in recent[recentStart...] { settled.append(p) }
        for p in recent[..<recentStart] { settled.append(p) }
        let newest = points.index(points.endIndex, offsetBy: -Self.exactCount)
        settled.append(contentsOf: points[..<newest])
        recent.removeAll(keepingCapacity: true)
        recent.append(contentsOf: points[newest...])
        recentStart = 0
        return 0
    }

    /// Whether every step is greater than the one before it, the first greater than `last`.
    private static func stepsGoOn<C: RandomAccessCollection>(_ points: C, after last: Int?) -> Bool where C.Element == MetricPoint {
        var previous = last
        for p in points {
            if let previous, p.step <= previous { return false }
            previous = p.step
        }
        return true
    }

    /// Add a point, after dropping the points at or after its step when it does not come
    /// after the last (`Run.append`'s rewind rule). Returns how many were dropped.
    mutating func appendRewinding(_ point: MetricPoint) -> Int {
        var dropped = 0
        if count > 0, point.step <= step(at: count - 1) {
            let keep = partitionIndex { $0.step >= point.step }
            dropped = count - keep
            removeSubrange(keep...)
        }
        append(point)
        return dropped
    }

    /// Drop the points from `bounds.lowerBound` on (a rewind).
    public mutating func removeSubrange(_ bounds: PartialRangeFrom<Int>) {
        let count = bounds.lowerBound
        precondition(count >= 0 && count <= self.count, "index out of range")
        if count >= settled.count {
            unrollRecent()
            recent.removeLast(recent.count - (count - settled.count))
        } else {
            settled.truncate(to: count)
            recent.removeAll(keepingCapacity: true)
            recentStart = 0
        }
    }

    public mutating func removeAll(keepingCapacity: Bool = false) {
        settled.removeAll(keepingCapacity: keepingCapacity)
        recent.removeAll(keepingCapacity: keepingCapacity)
        recentStart = 0
    }

    /// Make room for `capacity` points in all, so a large log read at once does not grow
    /// (and briefly double) every column step by step.
    public mutating func reserveCapacity(_ capacity: Int) {
        settled.reserveCapacity(Swift.max(0, capacity - Self.exactCount))
    }

    /// Bytes held by the columns (their capacity), for tests and profiles.
    public var storageBytes: Int {
        settled.storageBytes + recent.capacity * MemoryLayout<MetricPoint>.stride
    }

    /// Which optional columns hold storage (for tests): tokens, flops, learning rate, wall time.
    var allocatedColumns: [String] { settled.allocatedColumns }

    /// Whether the steps needed the wide (full integer) column.
    var hasWideSteps: Bool { settled.steps.isWide }

    private mutating func unrollRecent() {
        guard recentStart != 0 else { return }
        recent = Array(recent[recentStart...] + recent[..<recentStart])
        recentStart = 0
    }
}

extension MetricPoints: Equatable {
    public static func == (a: MetricPoints, b: MetricPoints) -> Bool { a.elementsEqual(b) }
    public static func == (a: MetricPoints, b: [MetricPoint]) -> Bool { a.elementsEqual(b) }
    public static func == (a: [MetricPoint], b: MetricPoints) -> Bool { a.elementsEqual(b) }
}

extension MetricPoints: CustomStringConvertible {
    public var description: String { Array(self).description }
}
