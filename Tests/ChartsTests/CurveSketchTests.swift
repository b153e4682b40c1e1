import Glibc
import Testing
@testable import Charts
@testable import RunIngest

/// The drawn-curve cache keeps a bounded sketch per run: memory follows the screen, and
/// decimating the sketch to a plot draws what decimating every point would.
/// `CurveSketch` as it compacted before issue 16 (every point through a dictionary of
/// buckets and a set of kept indices): the reference its faster in-order walk must equal.
struct ReferenceSketch {
    var x: [Float] = [], y: [Float] = []
    var width = 0.0, origin = 0.0

    mutating func add(x px: Double, y py: Double) {
        let fx = Float(px), fy = Float(py)
        guard fx.isFinite, fy.isFinite else { return }
        if x.isEmpty { origin = Double(fx) }
        x.append(fx)
        y.append(fy)
        if x.count > CurveSketch.capacity { compact() }
    }

    mutating func compact() {
        guard let lo = x.min().map(Double.init), let hi = x.max().map(Double.init), hi > lo else {
            keep(Set([0, x.count - 1, y.indices.min { y[$0] < y[$1] }!, y.indices.max { y[$0] < y[$1] }!]))
            return
        }
        if width == 0 { width = max((hi - lo) / Double(CurveSketch.buckets), (hi - lo).ulp) }
        var extremes: [Int: (low: Int, high: Int)] = [:]
        while true {
            extremes.removeAll(keepingCapacity: true)
            for i in x.indices {
                let b = Int(((Double(x[i]) - origin) / width).rounded(.down))
                if let e = extremes[b] {
                    extremes[b] = (y[i] < y[e.low] ? i : e.low, y[i] > y[e.high] ? i : e.high)
                } else {
                    extremes[b] = (i, i)
                }
            }
            if extremes.count <= CurveSketch.buckets { break }
            width *= 2
        }
        var kept: Set<Int> = [0, x.count - 1]
        for e in extremes.values {
            kept.insert(e.low)
            kept.insert(e.high)
        }
        keep(kept)
    }

    mutating func keep(_ kept: Set<Int>) {
        let order = kept.sorted()
        x = order.map { x[$0] }
        y = order.map { y[$0] }
    }
}

@Suite struct CurveSketchTests {
    static func noisy(_ n: Int) -> (x: [Double], y: [Double]) {
        var state: UInt64 = 42
        let x = (1...n).map { log10(Double($0)) }
        let y = (1...n).map { i -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 11) / Double(1 << 53) - 0.5
            return log10(2 + 50 / pow(Double(i), 0.4)) + 0.01 * noise + (i == n / 3 ? 0.8 : 0)
        }
        return (x, y)
    }

    /// Whatever is fed (x rising steadily, in bursts, flat in places, or falling back), the
    /// sketch keeps exactly the points the plain dictionary-and-set compaction keeps.
    @Test(arguments: ["steady", "bursts", "flat", "falls back", "ties"])
    func keepsWhatThePlainCompactionKeeps(feed: String) {
        var state: UInt64 = 7
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var sketch = CurveSketch(), reference = ReferenceSketch()
        var x = 0.0
        for i in 1...40_000 {
            switch feed {
            case "steady": x = log10(Double(i))
            case "bursts": x += i % 500 < 50 ? random() : 1e-6
            case "flat": x = i < 5000 ? 1 : log10(Double(i))
            case "falls back": x = i == 20_000 ? 0.5 : x + random()
            default: x = Double(i / 97)
            }
            let y = feed == "ties" ? Double(i % 3) : 3 - 0.1 * log(Double(i)) + 0.05 * random()
            sketch.add(x: x, y: y)
            reference.add(x: x, y: y)
            if i % 4_999 == 0 || i == 40_000 {
                #expect(sketch.x == reference.x && sketch.y == reference.y, "\(feed), after \(i) points")
            }
        }
        #expect(reference.x.count < 40_000, "compacted: the comparison covers compaction")
    }

    @Test func staysBoundedAndDrawsWhatEveryPointWould() {
        let n = 300_000
        let (x, y) = Self.noisy(n)
        var sketch = CurveSketch()
        for i in 0..<n { sketch.add(x: x[i], y: y[i]) }
        #expect(sketch.fedCount == n)
        #expect(sketch.x.count <= CurveSketch.capacity, "kept \(sketch.x.count) of \(n) points")
        #expect(sketch.x.first == Float(x[0]) && sketch.x.last == Float(x[n - 1]) && sketch.y.last == Float(y[n - 1]),
                "the first and the newest point are kept")
        for columns in [80, 400] {
            let x0 = x[0], x1 = x[n - 1]
            let whole = Decimation.minMax(x: x, y: y, from: x0, to: x1, columns: columns).map { (x[$0], y[$0]) }
            var decimator = MinMaxDecimator(from: x0, to: x1, columns: columns)
            decimator.feed(x: sketch.x, y: sketch.y)
            let fromSketch = decimator.indices.map { (Double(sketch.x[$0]), Double(sketch.y[$0])) }
            #expect(fromSketch.count <= 2 * columns + 2)
            // Per plot column, the same extremes within the noise's amplitude (0.01): the
            // sketch's buckets are finer than the columns but not aligned with them, so a
            // bucket across a column's edge gives its extremes to one side (about half the
            // columns differ by less than the noise, well under one dot row of a plot).
            func extremes(_ pts: [(Double, Double)]) -> [Int: (Double, Double)] {
                var out: [Int: (Double, Double)] = [:]
                for (px, py) in pts {
                    let c = min(columns - 1, Int((px - x0) / (x1 - x0) * Double(columns)))
                    let e = out[c] ?? (py, py)
                    out[c] = (min(e.0, py), max(e.1, py))
                }
                return out
            }
            let a = extremes(whole), b = extremes(fromSketch)
            #expect(a.count == b.count)
            #expect(a.allSatisfy { c, e in b[c].map { abs($0.0 - e.0) < 0.012 && abs($0.1 - e.1) < 0.012 } ?? false })
        }
        #expect(sketch.y.max() == Float(y.max()!), "the one-step spike survives")
    }

    @Test func shortCurvesAreKeptWholeAndNonFinitePointsOnlyCount() {
        var sketch = CurveSketch()
        for i in 0..<100 { sketch.add(x: Double(i), y: i == 50 ? .nan : Double(i * i)) }
        #expect(sketch.fedCount == 100 && sketch.x.count == 99)
        // Every point at one x: its extremes and the ends are kept.
        var flat = CurveSketch()
        for i in 0..<(CurveSketch.capacity + 10) { flat.add(x: 1, y: sin(Double(i))) }
        #expect(flat.x.count <= 4 + 9, "4 kept at the compaction, then the 9 fed since")
        #expect(flat.y.max()! > 0.99 && flat.y.min()! < -0.99)
    }

    @Test func curveCacheMemoryFollowsTheScreenNotTheRun() {
        let cache = CurveCache()
        var run = Run(id: "r", name: "r", metadata: RunMetadata(tokensPerStep: 10))
        for s in 1...200_000 { run.append(MetricPoint(step: s, loss: 2 + 10 / Double(s) + (s == 77_777 ? 5 : 0))) }
        let prepared = cache.prepared(run, quantity: .step, logX: true, logY: true, smoothing: 0.5,
                                      xDomain: 1...200_000, columns: 300)
        #expect(prepared.raw.count <= 2 * 300 + 2 && prepared.smoothed!.count <= 2 * 300 + 2)
        #expect(prepared.raw.map(\.y).max()! > log10(7), "the spike at step 77,777 is drawn")
        #expect(abs(prepared.raw.last!.x - log10(200_000)) < 1e-6, "drawn coordinates are floats")
        #expect(cache.keptPoints(of: "r") <= 2 * CurveSketch.capacity)
    }

    /// A run's curve in the cache, however it grew and whichever plots it was drawn on,
    /// is what decimating a sketch of every drawn point gives (the cache before issue 16's
    /// memory work), and a run of up to `CurveCache.sketchAbove` points keeps no sketch:
    /// only its decimated curve, bounded by the plot's columns.
    @Test(arguments: [1_000, CurveCache.sketchAbove, CurveCache.sketchAbove + 1, 9_000])
    func aCurveIsWhatDecimatingItsSketchGivesHoweverItGrew(points n: Int) {
        var state: UInt64 = 5
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let losses = (1...n).map { s in s % 97 == 0 ? Double.nan : s == n / 2 ? 40 : 2 + 30 / pow(Double(s), 0.5) + 0.05 * random() }
        // The losses as the run keeps them (older points in a narrower column).
        func reference(_ run: Run, domain: ClosedRange<Double>, columns: Int) -> CurveCache.Prepared {
            let count = run.points.count
            let x = (1...count).map { log10(Double($0) * 10) }
            let y = run.points.map { $0.loss > 0 && $0.loss.isFinite ? log10($0.loss) : .nan }
            let smooth = CurveSmoothing.debiasedEMA(y, strength: 0.6)
            var raw = CurveSketch(), smoothed = CurveSketch()
            for i in 0..<count {
                raw.add(x: x[i], y: y[i])
                smoothed.add(x: x[i], y: smooth[i])
            }
            func decimated(_ sketch: CurveSketch) -> [(x: Double, y: Double)] {
                var d = MinMaxDecimator(from: log10(domain.lowerBound), to: log10(domain.upperBound), columns: columns)
                d.feed(x: sketch.x, y: sketch.y)
                return d.indices.map { (Double(sketch.x[$0]), Double(sketch.y[$0])) }
            }
            return CurveCache.Prepared(raw: decimated(raw), smoothed: decimated(smoothed))
        }
        let cache = CurveCache()
        var run = Run(id: "r", name: "r", metadata: RunMetadata(tokensPerStep: 10))
        var appended = 0
        let plots: [(domain: ClosedRange<Double>, columns: Int)] = [(1...1e6, 160), (1e3...2e4, 80), (1...1e6, 160), (5...9e5, 301)]
        for (k, end) in [1, 2, n / 7, n / 2, n - 1, n].enumerated() {
            while appended < end {
                appended += 1
                run.append(MetricPoint(step: appended, loss: losses[appended - 1]))
            }
            for plot in k == 5 ? plots : [plots[k % 2 == 0 ? 0 : 3]] {
                let got = cache.prepared(run, quantity: .tokens, logX: true, logY: true, smoothing: 0.6,
                                         xDomain: plot.domain, columns: plot.columns)
                let want = reference(run, domain: plot.domain, columns: plot.columns)
                #expect(got.raw.map(\.x) == want.raw.map(\.x) && got.raw.map(\.y) == want.raw.map(\.y),
                        "raw, \(appended) of \(n) points, \(plot)")
                #expect(got.smoothed!.map(\.x) == want.smoothed!.map(\.x) && got.smoothed!.map(\.y) == want.smoothed!.map(\.y),
                        "smoothed, \(appended) of \(n) points, \(plot)")
            }
        }
        let kept = cache.keptPoints(of: "r")
        if n <= CurveCache.sketchAbove {
            #expect(kept <= 2 * (2 * 301 + 4), "a short run keeps its decimated curves only: \(kept) points")
        } else {
            #expect(kept <= 2 * CurveSketch.capacity + 2, "a long run keeps its bounded sketches: \(kept) points")
        }
    }
}
