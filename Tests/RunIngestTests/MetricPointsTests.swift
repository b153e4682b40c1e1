import Testing
@testable import RunIngest

/// The columnar store of a run's points: exact steps, an exact window of the newest points,
/// 32-bit floats behind it, optional columns only once used, and the rewind rule kept.
@Suite struct MetricPointsTests {
    /// A nonzero double no float can hold (it would underflow to zero).
    static let subnormal = Double.leastNormalMagnitude / 1024
    /// A point with every field, its values not representable as floats.
    static func point(_ step: Int) -> MetricPoint {
        MetricPoint(step: step, tokens: Double(step) * 1_000_003.1, flops: Double(step) * 6.1e15 + 0.1,
                    loss: 2 + 1 / Double(step + 7), learningRate: 3e-4 / Double(step + 1),
                    wallTime: 1_764_000_000.123 + Double(step) * 1.7)
    }

    static func close(_ a: Double?, _ b: Double?, relative: Double) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= relative * abs(b)
    }

    @Test func newestPointsAreExactAndOlderOnesFloatPrecise() {
        let n = 1000
        let all = (1...n).map(Self.point)
        let points = MetricPoints(all)
        #expect(points.count == n)
        #expect(Array(points.suffix(MetricPoints.exactCount)) == Array(all.suffix(MetricPoints.exactCount)),
                "the newest points (the last one printed, the tail the fits average) are exact")
        #expect(points.last == all.last)
        for (p, q) in zip(points, all) {
            #expect(p.step == q.step, "steps are exact")
            #expect(Self.close(p.loss, q.loss, relative: 0x1p-24))
            #expect(Self.close(p.tokens, q.tokens, relative: 0x1p-24))
            #expect(Self.close(p.flops, q.flops, relative: 0x1p-24))
            #expect(Self.close(p.learningRate, q.learningRate, relative: 0x1p-24))
            #expect(abs(p.wallTime! - q.wallTime!) < 1e-3, "wall time as an offset from the first: milliseconds")
        }
        #expect(points.storageBytes < n * 25, "about 4 bytes a column: \(points.storageBytes) bytes for \(n) points")
    }

    @Test func optionalColumnsTakeRoomOnlyOnceARunHasAValue() {
        var points = MetricPoints()
        for s in 0..<200 { points.append(MetricPoint(step: s, loss: 3)) }
        #expect(points.allocatedColumns.isEmpty)
        // Appended one by one, a column's capacity may run up to twice its count.
        #expect(points.storageBytes < 2 * 200 * 8 + MetricPoints.exactCount * 48 + 64)
        points.append(MetricPoint(step: 200, loss: 3, learningRate: 1e-3))
        for s in 201..<300 { points.append(MetricPoint(step: s, loss: 3)) }
        #expect(points.allocatedColumns == ["learningRate"])
        #expect(points.filter { $0.learningRate != nil }.map(\.step) == [200], "earlier and later points stay absent")
        #expect(points.allSatisfy { $0.tokens == nil && $0.flops == nil && $0.wallTime == nil })
    }

    @Test func stepsWidenWhenAnOffsetDoesNotFitIn32Bits() {
        var points = MetricPoints()
        let steps = [5, 10, 20] + (0..<50).map { 100 + $0 } + [Int(Int32.max) + 500, Int.max - 1, Int.max]
        for s in steps { points.append(MetricPoint(step: s, loss: 1)) }
        #expect(points.map(\.step) == steps)
        var small = MetricPoints()
        for s in steps.prefix(53) { small.append(MetricPoint(step: s, loss: 1)) }
        #expect(!small.hasWideSteps)
        // A negative step below the base (points handed in whole need not increase).
        let extremes: [MetricPoint] = [Int.min, 0, Int.max].map { MetricPoint(step: $0, loss: 1) }
        let ordinary: [MetricPoint] = (0..<40).map { MetricPoint(step: $0, loss: 2) }
        let odd = MetricPoints(extremes + ordinary)
        let expectedSteps: [Int] = [Int.min, 0, Int.max] + Array(0..<40)
        #expect(odd.map(\.step) == expectedSteps)
    }

    @Test func valuesAFloatCannotHoldWidenTheirColumn() {
        var points = MetricPoints()
        let ramp: [Double] = (0..<60).map { 1 + Double($0) / 7 }
        let extremes: [Double] = [1e300, Self.subnormal, -0.0, .infinity, -.infinity]
        let after: [Double] = (0..<30).map { 1 + Double($0) / 7 }
        let losses = ramp + extremes + after
        for (s, l) in losses.enumerated() { points.append(MetricPoint(step: s, flops: s == 3 ? 1e39 : nil, loss: l)) }
        let read = points.map(\.loss)
        #expect(read[60] == 1e300 && read[61] == Self.subnormal && read[63] == .infinity && read[64] == -.infinity)
        #expect(read[70] == losses[70], "exact from the widening on")
        #expect(points[3].flops == 1e39 && points[4].flops == nil)
        #expect(Self.close(read[2], losses[2], relative: 0x1p-24))
        // NaN (an absent optional; a NaN loss is kept as NaN).
        let nan = MetricPoints((0..<40).map { MetricPoint(step: $0, loss: .nan) })
        #expect(nan.allSatisfy { $0.loss.isNaN })
    }

    @Test func rewindsKeepTheRuleAndTheExactWindow() {
        var run = Run(id: "r", name: "r")
        for s in 1...100 { run.append(Self.point(s)) }
        // Within the exact window: the survivors stay exact.
        #expect(run.append(Self.point(90)) == 11)
        #expect(run.points.count == 90)
        #expect(run.points.map(\.step) == Array(1...90))
        #expect(Array(run.points.suffix(14)) == (77...90).map(Self.point))
        // Further back than the window: the columns are cut, the new point is exact.
        #expect(run.append(MetricPoint(step: 20, loss: 7.123456789)) == 71)
        #expect(run.points.map(\.step) == Array(1...20))
        #expect(run.points.last?.loss == 7.123456789)
        for s in 21...200 { run.append(Self.point(s)) }
        #expect(run.points.map(\.step) == Array(1...200))
        #expect(Array(run.points.suffix(MetricPoints.exactCount)) == (177...200).map(Self.point))
        #expect(run.points.partitionIndex { $0.step >= 150 } == 149)
        // A rewind to before the first point empties the run but for the new one.
        #expect(run.append(MetricPoint(step: 0, loss: 1)) == 200)
        #expect(run.points == [MetricPoint(step: 0, loss: 1)])
        run.removeAllPoints()
        #expect(run.points.isEmpty)
        for s in 1...30 { run.append(Self.point(s)) }
        #expect(run.points.map(\.step) == Array(1...30) && run.points.last == Self.point(30))
    }

    @Test func shortRunsAreKeptExactlyAndCompareWithArrays() {
        let all = (1...MetricPoints.exactCount).map(Self.point)
        let points = MetricPoints(all)
        #expect(points == all && all == points)
        #expect(points == MetricPoints(all))
        #expect(points != MetricPoints(all.dropLast()))
    }

    /// `loss(at:)` and `step(at:)` read one column; they must say what the built point says,
    /// in the settled columns and the ring (wrapped or not), for NaN losses and a widened column.
    @Test func oneColumnReadsEqualTheBuiltPoint() {
        for n in [0, 1, MetricPoints.exactCount, MetricPoints.exactCount + 1, 100, 1000] {
            var points = MetricPoints()
            for s in 0..<n {
                let loss = s % 13 == 0 ? Double.nan : s == 500 ? 1e300 : 2 + 1 / Double(s + 7)
                points.append(MetricPoint(step: 3 * s + (s > 50 ? 7 : 0), loss: loss))
            }
            for i in points.indices {
                let p = points[i]
                #expect(points.step(at: i) == p.step)
                #expect(points.loss(at: i) == p.loss || (points.loss(at: i).isNaN && p.loss.isNaN), "\(n) points, at \(i)")
            }
        }
    }
}
