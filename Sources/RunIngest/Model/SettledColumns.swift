/// The older points of a run, by column (see `MetricPoints` for the precision kept).
struct SettledColumns: Sendable {
    private(set) var count = 0
    private(set) var steps = StepColumn()
    private var loss = FloatColumn()
    private var tokens: FloatColumn?
    private var flops: FloatColumn?
    private var learningRate: FloatColumn?
    private var wallTime: FloatColumn?
    /// What `reserveCapacity` asked for, so a column created later reserves it too.
    private var reserved = 0

    subscript(i: Int) -> MetricPoint {
        precondition(i >= 0 && i < count, "index out of range")
        return MetricPoint(step: steps[i], tokens: tokens?[i], flops: flops?[i], loss: loss[i] ?? .nan,
                           learningRate: learningRate?[i], wallTime: wallTime?[i])
    }

    /// One column alone, as `self[i]` has it.
    func loss(at i: Int) -> Double {
        precondition(i >= 0 && i < count, "index out of range")
        return loss[i] ?? .nan
    }

    func tokens(at i: Int) -> Double? {
        precondition(i >= 0 && i < count, "index out of range")
        return tokens?[i]
    }

    func flops(at i: Int) -> Double? {
        precondition(i >= 0 && i < count, "index out of range")
        return flops?[i]
    }

    mutating func append(_ p: MetricPoint) {
        steps.append(p.step)
        loss.append(p.loss)
        Self.append(p.tokens, to: &tokens, count: count, reserved: reserved)
        Self.append(p.flops, to: &flops, count: count, reserved: reserved)
        Self.append(p.learningRate, to: &learningRate, count: count, reserved: reserved)
        Self.append(p.wallTime, to: &wallTime, count: count, reserved: reserved, offsetFromFirst: true)
        count += 1
    }

    /// `append` of each point in turn, a column at a time (`MetricPoints.append(contentsOf:)`).
    mutating func append<C: RandomAccessCollection>(contentsOf points: C) where C.Element == MetricPoint {
        steps.append(stepsOf: points)
        loss.append(contentsOf: points) { $0.loss }
        Self.append(points, { $0.storedValues.tokens }, to: &tokens, count: count, reserved: reserved)
        Self.append(points, { $0.storedValues.flops }, to: &flops, count: count, reserved: reserved)
        Self.append(points, { $0.storedValues.learningRate }, to: &learningRate, count: count, reserved: reserved)
        Self.append(points, { $0.storedValues.wallTime }, to: &wallTime, count: count, reserved: reserved,
                    offsetFromFirst: true)
        count += points.count
    }

    /// The block form of the `append` below: the column is created at the first point that
    /// has a value (NaN: absent), with the points before it absent.
    @inline(__always)   // each call site's value closure inlined into its loop, not called per point
    private static func append<C: RandomAccessCollection>(_ points: C, _ value: (MetricPoint) -> Double,
                                                          to column: inout FloatColumn?, count: Int, reserved: Int,
                                                          offsetFromFirst: Bool = false) where C.Element == MetricPoint {
        if column == nil {
            guard let first = points.firstIndex(where: { !value($0).isNaN }) else { return }
            var created = FloatColumn(absent: count + points.distance(from: points.startIndex, to: first),
                                      offsetFromFirst: offsetFromFirst)
            created.reserveCapacity(reserved)
            created.append(contentsOf: points[first...], value)
            column = created
        } else {
            column!.append(contentsOf: points, value)
        }
    }

    /// An absent value takes no room until the column exists; the first present one
    /// creates it, with the earlier points absent.
    private static func append(_ value: Double?, to column: inout FloatColumn?, count: Int, reserved: Int,
                               offsetFromFirst: Bool = false) {
        if column == nil {
            guard let value else { return }
            var created = FloatColumn(absent: count, offsetFromFirst: offsetFromFirst)
            created.reserveCapacity(reserved)
            column = created
            column!.append(value)
        } else {
            column!.append(value ?? .nan)
        }
    }

    mutating func truncate(to n: Int) {
        steps.truncate(to: n)
        loss.truncate(to: n)
        tokens?.truncate(to: n)
        flops?.truncate(to: n)
        learningRate?.truncate(to: n)
        wallTime?.truncate(to: n)
        count = n
    }

    mutating func removeAll(keepingCapacity: Bool) {
        if keepingCapacity {
            truncate(to: 0)
        } else {
            self = SettledColumns()
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        reserved = n
        steps.reserveCapacity(n)
        loss.reserveCapacity(n)
        tokens?.reserveCapacity(n)
        flops?.reserveCapacity(n)
        learningRate?.reserveCapacity(n)
        wallTime?.reserveCapacity(n)
    }

    var storageBytes: Int {
        [loss, tokens, flops, learningRate, wallTime].reduce(steps.storageBytes) { $0 + ($1?.storageBytes ?? 0) }
    }

    var allocatedColumns: [String] {
        [("tokens", tokens), ("flops", flops), ("learningRate", learningRate), ("wallTime", wallTime)]
            .compactMap { $0.1 == nil ? nil : $0.0 }
    }
}

/// Steps as a regular start (first step + i × stride, stored as two numbers: a log written
/// every k steps, as training loops write them, is all start) followed by offsets from the
/// first step, 4 bytes each while they fit in 32 bits; every step in 8 bytes when one does
/// not. Why: at 10,000 runs × 1,000 points the steps were 4 of the dashboard's 28 bytes
/// per point (heaptrack, issue 16), though almost every log's steps are regular.
struct StepColumn: Sendable {
    private var base = 0
    private var stride = 0
    /// Points in the regular start.
    private var regular = 0
    /// The points after the regular start, as offsets from `base`.
    private var narrow: [Int32] = []
    /// Every point, once an offset does not fit in 32 bits.
    private var wide: [Int]?
    /// What `reserveCapacity` asked for, reserved when offsets start to be stored.
    private var reserved = 0

    var isWide: Bool { wide != nil }
    var count: Int { wide?.count ?? regular + narrow.count }

    subscript(i: Int) -> Int {
        if let wide { return wide[i] }
        if i < regular { return base &+ i &* stride }
        return base &+ Int(narrow[i - regular])
    }

    mutating func append(_ step: Int) {
        if wide != nil { wide!.append(step); return }
        if narrow.isEmpty {
            switch regular {
            case 0:
                base = step
                regular = 1
                return
            case 1:
                let (difference, overflow) = step.subtractingReportingOverflow(base)
                if !overflow {
                    stride = difference
                    regular = 2
                    return
                }
            default:
                if step == regularStep(at: regular) {
                    regular += 1
                    return
                }
            }
            narrow.reserveCapacity(Swift.max(0, reserved - regular))
        }
        let (offset, overflow) = step.subtractingReportingOverflow(base)
        if !overflow, let small = Int32(exactly: offset) {
            narrow.append(small)
        } else {
            var all = (0..<count).map { self[$0] }
            all.reserveCapacity(Swift.max(reserved, all.count + 1))
            all.append(step)
            wide = all
            narrow = []
            regular = 0
        }
    }

    /// `append` of each point's step in turn; steps that go on with the regular start are
    /// counted in one loop (a call per step was a tenth of storing a chunk, perf, issue 16).
    mutating func append<C: Collection>(stepsOf points: C) where C.Element == MetricPoint {
        var i = points.startIndex
        if wide == nil, narrow.isEmpty, regular >= 2 {
            // `regularStep` as `append` judges each step (not a running sum, which goes on
            // where i × stride overflows though base + i × stride would not).
            while i != points.endIndex, let next = regularStep(at: regular), points[i].step == next {
                regular += 1
                points.formIndex(after: &i)
            }
        }
        while i != points.endIndex {
            append(points[i].step)
            points.formIndex(after: &i)
        }
    }

    /// base + i × stride, or nil when it overflows (no step can then continue the start).
    private func regularStep(at i: Int) -> Int? {
        let (product, overflow) = i.multipliedReportingOverflow(by: stride)
        guard !overflow else { return nil }
        let (sum, overflowed) = base.addingReportingOverflow(product)
        return overflowed ? nil : sum
    }

    mutating func truncate(to n: Int) {
        if wide != nil {
            wide!.removeLast(wide!.count - n)
        } else if n <= regular {
            regular = n
            narrow.removeAll(keepingCapacity: true)
        } else {
            narrow.removeLast(narrow.count - (n - regular))
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        reserved = n
        if wide != nil { wide!.reserveCapacity(n) } else if !narrow.isEmpty { narrow.reserveCapacity(n - regular) }
    }

    var storageBytes: Int { narrow.capacity * 4 + (wide?.capacity ?? 0) * 8 }
}

/// Doubles kept as 32-bit floats (NaN: absent), optionally as offsets from the column's
/// first finite value (wall time, whose magnitude is the epoch's, not the run's). A value a
/// float cannot hold widens the column to doubles.
struct FloatColumn: Sendable {
    private let offsetFromFirst: Bool
    private var base = 0.0
    private var hasBase = false
    private var narrow: [Float] = []
    private var wide: [Double]?

    init(absent count: Int, offsetFromFirst: Bool) {
        self.offsetFromFirst = offsetFromFirst
        narrow = Array(repeating: .nan, count: count)
    }

    init() { self.init(absent: 0, offsetFromFirst: false) }

    /// Nil when absent.
    subscript(i: Int) -> Double? {
        let v: Double
        if let wide { v = wide[i] } else {
            let f = narrow[i]
            if f.isNaN { return nil }
            v = hasBase ? base + Double(f) : Double(f)
        }
        return v.isNaN ? nil : v
    }

    mutating func append(_ value: Double) {
        if wide != nil { wide!.append(value); return }
        if let f = narrowedTakingBase(value) {
            narrow.append(f)
        } else {
            widen(appending: value)
        }
    }

    /// The float `value` is kept as: an offset from the column's base when it keeps offsets
    /// (the first finite value becoming the base), else the value; nil when a float cannot
    /// hold it.
    @inline(__always)
    private mutating func narrowedTakingBase(_ value: Double) -> Float? {
        if offsetFromFirst && !hasBase && value.isFinite {
            base = value
            hasBase = true
        }
        return FloatColumn.narrowed(hasBase ? value - base : value)
    }

    /// Every value from now on as a double, `value` the first of them after the floats so far.
    private mutating func widen(appending value: Double) {
        var all = (0..<narrow.count).map { self[$0] ?? .nan }
        all.reserveCapacity(narrow.capacity)
        all.append(value)
        wide = all
        narrow = []
    }

    /// `append` of each point's value in turn, the floats gathered in blocks on the stack and
    /// appended a block at a time (one capacity and uniqueness check per block, not per value).
    @inline(__always)   // as above
    mutating func append<C: Collection>(contentsOf points: C, _ value: (C.Element) -> Double) {
        var i = points.startIndex
        while i != points.endIndex, wide == nil {
            let blockSize = 256
            let gathered = withUnsafeTemporaryAllocation(of: Float.self, capacity: blockSize) { block -> Int in
                var n = 0
                while n < blockSize, i != points.endIndex {
                    guard let f = narrowedTakingBase(value(points[i])) else { break }
                    block[n] = f
                    n += 1
                    points.formIndex(after: &i)
                }
                narrow.append(contentsOf: UnsafeBufferPointer(rebasing: block[..<n]))
                return n
            }
            if gathered < blockSize, i != points.endIndex {
                widen(appending: value(points[i]))   // a value a float cannot hold
                points.formIndex(after: &i)
            }
        }
        while i != points.endIndex {
            wide!.append(value(points[i]))
            points.formIndex(after: &i)
        }
    }

    /// The float for `v`, or nil when a float would lose more than rounding (overflow to
    /// infinity, or underflow of a nonzero value to a subnormal or zero).
    private static func narrowed(_ v: Double) -> Float? {
        let f = Float(v)
        if !v.isFinite || v == 0 { return f }
        return f.isFinite && f.isNormal ? f : nil
    }

    mutating func truncate(to n: Int) {
        if wide != nil { wide!.removeLast(wide!.count - n) } else { narrow.removeLast(narrow.count - n) }
    }

    mutating func reserveCapacity(_ n: Int) {
        if wide != nil { wide!.reserveCapacity(n) } else { narrow.reserveCapacity(n) }
    }

    var storageBytes: Int { narrow.capacity * 4 + (wide?.capacity ?? 0) * 8 }
}
