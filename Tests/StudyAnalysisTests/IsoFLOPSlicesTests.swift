import Foundation
import ScalingLaws
import Testing
@testable import StudyAnalysis

/// `IsoFLOPSlices.sizeEnvelopes` reads each curve's loss at a budget from the logs of the
/// two points around it only (issue 16); these tests hold it to the plain rule, every point
/// of every curve logged and scanned at every budget, kept here as the reference.
@Suite struct IsoFLOPSlicesTests {
    /// The plain rule (the implementation before issue 16's change), for comparison.
    static func reference(_ runs: [IsoFLOPSlices.Input]) -> [IsoFLOPAnalysis.Point]? {
        typealias LogPoint = (logC: Double, logL: Double)
        var finalsBySize: [Double: [LogPoint]] = [:]
        var curvesBySize: [Double: [[LogPoint]]] = [:]
        for r in runs {
            if r.isComplete { finalsBySize[r.parameters, default: []].append((log(r.flops), log(r.loss))) }
            let curve = r.curve.filter { $0.flops > 0 && $0.loss > 0 }.map { (logC: log($0.flops), logL: log($0.loss)) }
            if curve.count >= 2 { curvesBySize[r.parameters, default: []].append(curve) }
        }
        let sizes = Set(finalsBySize.keys).union(curvesBySize.keys)
        guard sizes.count >= IsoFLOPSlices.minimumSizes else { return nil }
        for (size, finals) in finalsBySize { finalsBySize[size] = finals.sorted { $0.logC < $1.logC } }
        func best(size: Double, at x: Double) -> Double? {
            var best: Double?
            if let finals = finalsBySize[size], finals.count >= 2, let v = IsoFLOPSlices.interpolate(finals, at: x) { best = v }
            for curve in curvesBySize[size] ?? [] {
                if let v = IsoFLOPSlices.interpolate(curve, at: x), v < (best ?? .infinity) { best = v }
            }
            return best
        }
        guard let lo = runs.map({ log($0.flops) }).min(),
              let hi = (runs.map { log($0.flops) } + runs.flatMap { $0.curve.map { log($0.flops) } }).max() else { return nil }
        let step = log(10.0) / 4
        var points: [IsoFLOPAnalysis.Point] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi {
            let logC = k * step
            let slice = sizes.sorted().compactMap { size in
                best(size: size, at: logC).map { IsoFLOPAnalysis.Point(flops: exp(logC), parameters: size, loss: exp($0)) }
            }
            if slice.count >= IsoFLOPSlices.minimumSizes { points += slice }
            k += 1
        }
        return Set(points.map(\.flops)).count >= 2 ? points : nil
    }

    /// A ladder of `sizes` sizes with `perSize` runs each: thinned curves in compute order,
    /// some points exactly on a budget, some not positive, an occasional curve out of order.
    static func ladder(seed: UInt64, sizes: Int, perSize: Int) -> [IsoFLOPSlices.Input] {
        var rng = SplitMix64(seed: seed)
        var runs: [IsoFLOPSlices.Input] = []
        let step = log(10.0) / 4
        for s in 0..<sizes {
            let n = 1e8 * pow(1.6, Double(s))
            for _ in 0..<perSize {
                let length = Int.random(in: 1...40, using: &rng)
                let c0 = 6 * n * 20 * n * Double.random(in: 0.01...0.1, using: &rng)
                let c1 = c0 * Double.random(in: 1.5...300, using: &rng)
                var curve = (0..<length).map { i -> RunSummary.CurvePoint in
                    let c = length == 1 ? c1 : c0 * pow(c1 / c0, Double(i) / Double(length - 1))
                    return .init(flops: c, loss: 1.7 + 400 / pow(n, 0.34) + 2e3 / pow(c / (6 * n), 0.3)
                                 + Double.random(in: -0.01...0.01, using: &rng))
                }
                if length > 3, Bool.random(using: &rng) {
                    // A point exactly on a budget's compute.
                    let i = Int.random(in: 1..<(length - 1), using: &rng)
                    let k = (log(curve[i].flops) / step).rounded()
                    let c = exp(k * step)
                    if c > curve[i - 1].flops, c < curve[i + 1].flops { curve[i].flops = c }
                }
                if length > 2, Int.random(in: 0..<10, using: &rng) == 0 { curve[1].loss = 0 }
                if length > 2, Int.random(in: 0..<20, using: &rng) == 0 { curve.swapAt(0, length - 1) }
                let isComplete = Bool.random(using: &rng)
                runs.append(.init(parameters: n, flops: curve.last?.flops ?? c1, loss: curve.last.map { max($0.loss, 1.7) } ?? 2,
                                  isComplete: isComplete, curve: curve))
            }
        }
        return runs
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func envelopesEqualThePlainRuleExactly(seed: UInt64) throws {
        let runs = Self.ladder(seed: seed, sizes: 3 + Int(seed % 4), perSize: 2 + Int(seed % 5))
        let reference = Self.reference(runs)
        let made = IsoFLOPSlices.sizeEnvelopes(runs)
        #expect(made?.points == reference, "seed \(seed)")
        #expect(reference != nil, "the ladder yields slices, so the comparison is not of two nils")
    }

    /// An infinite compute (an overflow that reached a summary) once made the budget loop
    /// endless: such a run, or such a point of a curve, is left out and the slices are the
    /// ones without it.
    @Test func anInfiniteComputeIsLeftOut() throws {
        let runs = Self.ladder(seed: 3, sizes: 4, perSize: 3)
        let reference = try #require(IsoFLOPSlices.sizeEnvelopes(runs))
        var withInfinite = runs
        withInfinite.append(.init(parameters: runs[0].parameters, flops: .infinity, loss: 2, isComplete: true,
                                  curve: [.init(flops: 1e18, loss: 3), .init(flops: .infinity, loss: 2)]))
        var pointInfinite = runs
        pointInfinite[1].curve.append(.init(flops: .infinity, loss: 1.9))
        #expect(IsoFLOPSlices.sizeEnvelopes(withInfinite)?.points == reference.points)
        #expect(IsoFLOPSlices.sizeEnvelopes(pointInfinite)?.points == reference.points)
    }

    @Test func aCurvesLossAtEachBudgetIsInterpolateOnItsLogs() {
        let curve: [RunSummary.CurvePoint] = [.init(flops: 1e18, loss: 3), .init(flops: exp(73 * log(10.0) / 4), loss: 2.9),
                                              .init(flops: 4e18, loss: 2.8), .init(flops: 4e18, loss: 2.75), .init(flops: 9e19, loss: 2.5)]
        let budgets = (70...80).map { Double($0) * log(10.0) / 4 - 0.5 } + (72...79).map { Double($0) * log(10.0) / 4 }
        let logs = curve.map { (logC: log($0.flops), logL: log($0.loss)) }
        var got: [Int: Double] = [:]
        IsoFLOPSlices.logLosses(along: curve, at: budgets.sorted()) { got[$0] = $1 }
        var expected: [Int: Double] = [:]
        for (j, x) in budgets.sorted().enumerated() { expected[j] = IsoFLOPSlices.interpolate(logs, at: x) }
        #expect(got == expected)
        #expect(!got.isEmpty)
        // Out of compute order (logged compute that went down), and two points at one compute.
        for odd in [[curve[2], curve[0], curve[1], curve[4]], [curve[0], curve[0], curve[2], curve[4]]] {
            let logs = odd.map { (logC: log($0.flops), logL: log($0.loss)) }
            var got: [Int: Double] = [:], expected: [Int: Double] = [:]
            IsoFLOPSlices.logLosses(along: odd, at: budgets.sorted()) { got[$0] = $1 }
            for (j, x) in budgets.sorted().enumerated() { expected[j] = IsoFLOPSlices.interpolate(logs, at: x) }
            #expect(got == expected && !got.isEmpty)
        }
    }
}
