import Glibc
import Testing
@testable import Charts
@testable import RunIngest

@Suite struct SeriesTests {
    @Test func debiasedEMAStartsAtTheFirstValueAndFollowsAConstant() {
        let out = CurveSmoothing.debiasedEMA([4, 4, 4, 4], strength: 0.9)
        #expect(out.allSatisfy { abs($0 - 4) < 1e-12 }, "no pull toward zero at the start")
        let step = CurveSmoothing.debiasedEMA([1, 1, 3, 3], strength: 0.5)
        #expect(step[0] == 1 && step[1] == 1)
        #expect(abs(step[2] - 1.875 / 0.875) < 1e-12, "(0.5·0.75 + 0.5·3) / (1 − 0.5³)")
        #expect(CurveSmoothing.debiasedEMA([1, 2], strength: 0) == [1, 2])
    }

    @Test func decimationKeepsSpikesAndEnds() {
        let n = 100_000
        let x = (0..<n).map { Double($0) }
        var y = (0..<n).map { 3 + 0.001 * sin(Double($0)) }
        y[54_321] = 9      // a one-step spike
        let kept = Decimation.minMax(x: x, y: y, from: 0, to: Double(n - 1), columns: 200)
        #expect(kept.count <= 2 * 200 + 3)
        #expect(kept.first == 0 && kept.last == n - 1)
        #expect(kept.contains(54_321))
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 }, "indices stay in curve order")
    }

    @Test func incrementalDecimationEqualsOneShot() {
        let x = (0..<5000).map { Double($0) }, y = (0..<5000).map { cos(Double($0) / 7) }
        var live = MinMaxDecimator(from: 0, to: 4999, columns: 50)
        for end in stride(from: 700, through: 5000, by: 700) { live.feed(x: Array(x[..<end]), y: Array(y[..<end])) }
        live.feed(x: x, y: y)
        #expect(live.indices == Decimation.minMax(x: x, y: y, from: 0, to: 4999, columns: 50))
    }

    @Test func curveCacheExtendsOnAppendAndRebuildsOnRewind() {
        let cache = CurveCache()
        var run = Run(id: "r", name: "r", metadata: RunMetadata(tokensPerStep: 10))
        for s in 1...100 { run.append(MetricPoint(step: s, loss: 10 / Double(s))) }
        var extent = cache.extent(of: run, quantity: .tokens, logX: true, logY: true, smoothing: 0)
        #expect(abs(extent!.x.upperBound - 1000) < 1e-9 && abs(extent!.y.lowerBound - 0.1) < 1e-12)
        run.append(MetricPoint(step: 200, loss: 0.01))
        extent = cache.extent(of: run, quantity: .tokens, logX: true, logY: true, smoothing: 0)
        #expect(abs(extent!.x.upperBound - 2000) < 1e-9 && abs(extent!.y.lowerBound - 0.01) < 1e-12)
        // A restart from step 50 replaces the tail: the cache must not keep the old points.
        run.append(MetricPoint(step: 50, loss: 5))
        extent = cache.extent(of: run, quantity: .tokens, logX: true, logY: true, smoothing: 0)
        #expect(abs(extent!.x.upperBound - 500) < 1e-9 && abs(extent!.y.lowerBound - 0.2040816) < 1e-6)
        let prepared = cache.prepared(run, quantity: .tokens, logX: true, logY: true, smoothing: 0.9,
                                      xDomain: 10...1000, columns: 400)
        #expect(prepared.raw.count == 50, "a curve with fewer points than columns is kept whole")
        let smoothed = try! #require(prepared.smoothed)
        // Drawn coordinates: log10 of the loss on a log axis.
        #expect(abs(smoothed[0].y - 1) < 1e-9)
        #expect(smoothed.last!.y < log10(5) && smoothed.last!.y > log10(10.0 / 49), "the smoothed curve lags the jump at the restart")
        #expect(abs(prepared.raw.last!.x - log10(500)) < 1e-6, "drawn coordinates are floats")
    }

    /// The curves panel finds an unchanged run's curve by its store revision alone (issue 16):
    /// whatever changes, what it reads equals what the plain lookup by run gives.
    @Test func curvesFoundByRevisionEqualThePlainLookup() {
        let store = RunStore()
        for r in 0..<3 {
            var run = Run(id: "r\(r)", name: "r\(r)", metadata: RunMetadata(parameters: 1e8, tokensPerStep: 10))
            for s in 1...50 { run.append(MetricPoint(step: s, loss: 10 / Double(s + r))) }
            store.insert(run)
        }
        let cache = CurveCache(), plain = CurveCache()
        func check(_ what: String, quantity: XAxisQuantity = .tokens, order: (([Run]) -> [Run])? = nil) {
            (order?(store.runs) ?? store.runs).withUnsafeBufferPointer { runs in
                for place in runs.indices {
                    let curve = cache.curve(of: runs, at: place, quantity: quantity, logX: true, logY: true, smoothing: 0.5)
                    let extent = cache.extent(of: curve)
                    let expected = plain.extent(of: runs[place], quantity: quantity, logX: true, logY: true, smoothing: 0.5)
                    #expect(extent?.x == expected?.x && extent?.y == expected?.y, "\(what): run \(place)")
                    let got = cache.prepared(curve, of: runs, at: place, xDomain: 1...5000, columns: 40)
                    let want = plain.prepared(runs[place], quantity: quantity, logX: true, logY: true, smoothing: 0.5,
                                              xDomain: 1...5000, columns: 40)
                    #expect(got.raw.map(\.x) == want.raw.map(\.x) && got.raw.map(\.y) == want.raw.map(\.y), "\(what): run \(place)")
                    #expect(got.smoothed?.map(\.y) == want.smoothed?.map(\.y), "\(what): run \(place)")
                }
            }
        }
        check("first look")
        check("unchanged")
        store.update(id: "r1") { $0.append(MetricPoint(step: 400, loss: 0.01)); return true }
        check("one run appended to")
        store.update(id: "r2") { $0.append(MetricPoint(step: 10, loss: 7)); return true }
        check("one run rewound")
        check("by compute, as the frontier panel reads them", quantity: .flops)
        let made = cache.entriesMade
        check("by tokens again, the entries by compute kept apart")
        check("by compute again", quantity: .flops)
        #expect(cache.entriesMade == made, "no entry rebuilt: one per run, axis and smoothing")
        cache.retain(runIDs: ["r0", "r1", "r2"], curves: [(.tokens, 0.5)])
        check("after the curves by compute were let go")
        #expect(cache.entriesMade == made, "the curves in use are kept")
        check("by compute, built again", quantity: .flops)
        #expect(cache.entriesMade == made + 3, "the curves let go are gone")
        store.update(id: "r0") { $0.metadata.tokensPerStep = 20; return true }
        check("metadata changed")
        // Curves are kept by the run's place too: runs at other places are found as theirs.
        check("the runs in reverse order", order: { $0.reversed() })
        check("one run gone", order: { Array($0.dropFirst()) })
        check("in order again")
        // A run no store tracks keeps revision 0 and is always looked at in full.
        var loose = Run(id: "loose", name: "loose", metadata: RunMetadata(tokensPerStep: 10))
        for s in 1...5 { loose.append(MetricPoint(step: s, loss: 1 / Double(s))) }
        for extra in [false, true] {
            if extra { loose.append(MetricPoint(step: 9, loss: 0.05)) }
            let extent = [loose].withUnsafeBufferPointer {
                cache.extent(of: cache.curve(of: $0, at: 0, quantity: .tokens, logX: true, logY: true, smoothing: 0))
            }
            #expect(abs(extent!.x.upperBound - (extra ? 90 : 50)) < 1e-9)
        }
    }
}

@Suite struct LogAxisTests {
    @Test func domainEndsOnOneTwoFiveValuesAndDecadesAreLabelled() {
        let wide = AxisLayout.make(kind: .log10, lower: 3e6, upper: 3e11, maxLabels: 10)
        #expect(wide.scale.lower == 2e6 && wide.scale.upper == 5e11, "not rounded out to whole decades")
        #expect(wide.ticks.compactMap(\.label) == ["10M", "100M", "1B", "10B", "100B"])
        #expect(wide.ticks.filter { $0.label == nil }.allSatisfy { $0.value >= 2e6 && $0.value <= 5e11 }, "minor ticks stay inside")
        // Less than two decades inside: labelled 1-2-5 ticks instead.
        let narrow = AxisLayout.make(kind: .log10, lower: 2.4, upper: 25, maxLabels: 8)
        #expect(narrow.scale.lower <= 2.4 && narrow.scale.upper >= 25 && narrow.scale.upper <= 50)
        #expect(narrow.ticks.compactMap(\.label).count >= 3)
    }
}
