import Glibc
import Testing
@testable import Charts
@testable import RunIngest

/// The drawn-curve cache keeps a bounded sketch per run: memory follows the screen, and
/// decimating the sketch to a plot draws what decimating every point would.
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
}
