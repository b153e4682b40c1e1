/// A curve in drawn coordinates reduced to a bounded number of points, however many are
/// fed: the lowest and highest point of each x bucket (spikes survive), plus the first and
/// the newest point. What `CurveCache` keeps per run between frames, so the dashboard's
/// memory for drawing follows the screen, not the data (issue 16).
///
/// Buckets share an origin and their width only ever doubles, so every old bucket lies
/// inside one new bucket and a bucket's kept extremes are those of every point ever fed
/// into it. The width is chosen so the run's own x span holds at least `buckets / 2`
/// buckets: finer than a plot's dot columns (twice its character columns) on any usual
/// terminal, so decimating the sketch to the plot gives what decimating every point would.
///
/// Coordinates are kept as 32-bit floats: they are drawn (already log-transformed where the
/// axis is), and a float's 2⁻²⁴ relative precision is finer than any terminal's dots, while
/// 10,000 runs' sketches take half the memory of doubles.
struct CurveSketch {
    /// Most buckets across the curve's x span.
    static let buckets = 1024
    /// Points kept before the sketch is compacted (to at most `2 × buckets + 2`). Each
    /// compaction walks every kept point and allocates afresh, so its cost per fed point is
    /// about capacity / (capacity − 2 × buckets): at 3 × buckets, compaction (with its
    /// allocations and copies) was ~6 s of CPU in loading 1,000 runs × 100,000 points
    /// (perf, issue 16); at 8 × buckets it is a third of that. The price is at most 8,192
    /// points per sketch between compactions (two sketches per long run: +23 MiB there).
    static let capacity = 8 * buckets

    /// Kept points in the order they were fed.
    private(set) var x: [Float] = []
    private(set) var y: [Float] = []
    /// Bucket width, 0 until the first compaction; buckets start at `origin`.
    private var width = 0.0
    private var origin = 0.0
    /// Points fed so far, drawable or not (what a cached frame compares with).
    private(set) var fedCount = 0

    /// Add the next point; non-finite ones (an axis cannot draw them) only count.
    mutating func add(x px: Double, y py: Double) { add(x: Float(px), y: Float(py)) }

    /// Add the next point, already rounded to floats (`CurveCache` draws them so).
    mutating func add(x fx: Float, y fy: Float) {
        fedCount += 1
        guard fx.isFinite, fy.isFinite else { return }
        if x.isEmpty { origin = Double(fx) }
        x.append(fx)
        y.append(fy)
        if x.count > Self.capacity { compact() }
    }

    /// Keep each bucket's lowest and highest point (in feed order), the first point and the
    /// newest, widening the buckets until at most `buckets` are occupied.
    private mutating func compact() {
        // One pass for the range and whether x ever falls (a run's steps, tokens and compute
        // do not: then its buckets cannot fall either).
        var (lo, hi, rising) = (x[0], x[0], true)
        x.withUnsafeBufferPointer { x in
            for i in 1..<x.count {
                let v = x[i]
                if v < x[i - 1] { rising = false }
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        guard hi > lo else {
            // All at one x: its extremes, the first and the newest point say everything.
            keep(Set([0, x.count - 1, y.indices.min { y[$0] < y[$1] }!, y.indices.max { y[$0] < y[$1] }!]).sorted())
            return
        }
        let span = Double(hi) - Double(lo)
        if width == 0 { width = max(span / Double(Self.buckets), span.ulp) }
        if let kept = compactInOrder(rising: rising) { keep(kept); return }
        var extremes: [Int: (low: Int, high: Int)] = [:]
        while true {
            extremes.removeAll(keepingCapacity: true)
            for i in x.indices {
                let b = bucket(i)
                if let e = extremes[b] {
                    extremes[b] = (y[i] < y[e.low] ? i : e.low, y[i] > y[e.high] ? i : e.high)
                } else {
                    extremes[b] = (i, i)
                }
            }
            if extremes.count <= Self.buckets { break }
            width *= 2
        }
        var kept: Set<Int> = [0, x.count - 1]
        for e in extremes.values {
            kept.insert(e.low)
            kept.insert(e.high)
        }
        keep(kept.sorted())
    }

    private func bucket(_ i: Int) -> Int { Self.bucket(Double(x[i]), origin: origin, width: width) }

    /// ⌊(x − origin) / width⌋, clamped to ±2⁶⁰: a first span of a few float steps makes the
    /// width tiny, and a later x far away would otherwise overflow an integer (a trap, found
    /// by a review). Buckets that far apart are as distinct clamped as not.
    @inline(__always)
    private static func bucket(_ x: Double, origin: Double, width: Double) -> Int {
        Int(max(-0x1p60, min(0x1p60, ((x - origin) / width).rounded(.down))))
    }

    /// `compact`'s points when the points' buckets never decrease (x never decreases: a
    /// run's steps, tokens, compute), found by walking the buckets in order instead of
    /// through a dictionary and a set: loading a study compacts each run's sketch every
    /// thousand points, and the hashing was half of the dashboard's CPU while it loaded 1e8
    /// points (perf, issue 16). Each point's bucket is computed once; doubling the width
    /// halves it exactly (⌊⌊v⌋/2⌋ = ⌊v/2⌋, and halving a float is exact). Nil when a bucket
    /// decreases somewhere (the dictionary's way then); not looked for when x is `rising`.
    /// Written as plain loops over buffers: with sorted slices and mapped arrays it was
    /// still 8% of that load (perf, issue 16).
    private mutating func compactInOrder(rising: Bool) -> [Int]? {
        let n = x.count
        let (origin, width) = (origin, width)
        var buckets = x.withUnsafeBufferPointer { x in
            [Int](unsafeUninitializedCapacity: n) { b, count in
                for i in 0..<n { b[i] = Self.bucket(Double(x[i]), origin: origin, width: width) }
                count = n
            }
        }
        return buckets.withUnsafeMutableBufferPointer { b in
            if !rising {
                for i in 1..<n where b[i] < b[i - 1] { return nil }
            }
            while true {
                var occupied = 1
                for i in 1..<n where b[i] != b[i - 1] { occupied += 1 }
                if occupied <= Self.buckets { break }
                self.width *= 2
                for i in 0..<n { b[i] >>= 1 }
            }
            var kept: [Int] = []
            kept.reserveCapacity(2 * Self.buckets + 4)
            y.withUnsafeBufferPointer { y in
                var start = 0
                while start < n {
                    var (low, high) = (start, start)
                    var (lowY, highY) = (y[start], y[start])
                    var end = start + 1
                    while end < n, b[end] == b[start] {
                        let v = y[end]
                        if v < lowY { (low, lowY) = (end, v) }
                        if v > highY { (high, highY) = (end, v) }
                        end += 1
                    }
                    // In feed order, each once; the first point (in the first bucket) and the
                    // newest (in the last) are kept as well.
                    let (a, c) = (min(low, high), max(low, high))
                    if start == 0 && a != 0 { kept.append(0) }
                    kept.append(a)
                    if c != a { kept.append(c) }
                    if end == n && c != n - 1 { kept.append(n - 1) }
                    start = end
                }
            }
            return kept
        }
    }

    /// The points at `order`, in fresh arrays of their size. Why not moved to the front in
    /// place: an array keeps the room it grew to, and the point that sets off the first
    /// compaction has doubled it to 16,384 floats, for good (64 kB more per sketch, found by
    /// a review); made afresh, the arrays regrow to at most `capacity` (a small copy per
    /// compaction).
    private mutating func keep(_ order: [Int]) {
        x = order.map { x[$0] }
        y = order.map { y[$0] }
    }
}
