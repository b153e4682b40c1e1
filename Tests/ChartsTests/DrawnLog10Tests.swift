import Glibc
import Testing
@testable import Charts

/// The drawn logarithm is `Float(log10(v))` exactly: a sketch of a curve and a test's
/// reference (drawn with glibc) must keep the same floats, and 10ⁿ must draw at n. And
/// its table decides nearly every value itself (else it saves nothing).
@Suite struct DrawnLog10Tests {
    let log10Drawn = DrawnLog10.shared

    /// The values of `values` whose drawn logarithm is not glibc's, at most `limit` of them.
    func disagreements(_ values: some Sequence<Double>, limit: Int = 5) -> [Double] {
        var wrong: [Double] = []
        for v in values where log10Drawn(v) != Float(log10(v)) {
            wrong.append(v)
            if wrong.count == limit { break }
        }
        return wrong
    }

    static func random(_ count: Int, exponentsFrom low: Double, to high: Double, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return pow(10, low + (high - low) * Double(state >> 11) / Double(1 << 53))
        }
    }

    @Test(arguments: [(-320.0, 308.0), (-1, 1), (-0.01, 0.01), (0, 7), (15, 26)])
    func equalsGlibcAtEveryScale(exponents: (Double, Double)) {
        let values = Self.random(200_000, exponentsFrom: exponents.0, to: exponents.1, seed: 11)
        #expect(disagreements(values).isEmpty)
    }

    @Test func equalsGlibcOnStepsAndPrintedLosses() {
        #expect(disagreements((1...300_000).lazy.map(Double.init)).isEmpty)
        // Losses a log prints with six decimals, 0.5 to 3.5.
        #expect(disagreements((500_000...3_500_000).lazy.map { Double($0) / 1e6 }).isEmpty)
    }

    @Test func powersOfTenNeighboursOfOneAndTheTablesSeams() {
        #expect(disagreements((-300...300).map { Double("1e\($0)")! }).isEmpty)
        for n in 0...22 { #expect(log10Drawn(Double("1e\(n)")!) == Float(n)) }
        #expect(log10Drawn(1) == 0)
        let nearOne = Array(sequence(first: 1.0) { $0.nextUp }.prefix(2000)) + Array(sequence(first: 1.0) { $0.nextDown }.prefix(2000))
        #expect(disagreements(nearOne).isEmpty)
        let seams = (0...128).flatMap { k -> [Double] in
            let edge = 1 + Double(k) / 128
            return [edge.nextDown, edge, edge.nextUp, edge * 8, edge / 1024, edge * 0x1p700]
        }
        #expect(disagreements(seams).isEmpty)
    }

    @Test func nothingWhereALogAxisHasNoPlace() {
        for v in [0, -0.0, -1, -.infinity, .infinity, .nan, -Double.leastNonzeroMagnitude] {
            #expect(log10Drawn(v) == nil, "\(v)")
        }
        let edges = [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude.nextDown, Double.leastNormalMagnitude,
                     Double.greatestFiniteMagnitude]
        #expect(disagreements(edges).isEmpty)
    }

    /// The estimate is within a fifth of its margin of glibc's logarithm for any normal
    /// double (random bit patterns): the margin covers its error with room to spare, not
    /// by luck of which values the other tests meet.
    @Test func theEstimateIsWellWithinItsMargin() {
        var state: UInt64 = 99
        var worst = 0.0
        for _ in 0..<500_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = Double(bitPattern: (state >> 1) & 0x7FEF_FFFF_FFFF_FFFF | 0x0010_0000_0000_0000)
            guard let estimate = log10Drawn.closeEstimate(v) else { continue }
            worst = max(worst, abs(estimate - log10(v)) / (DrawnLog10.margin + abs(estimate) * 0x1p-49))
        }
        #expect(worst > 0 && worst < 0.2, "worst error \(worst) of the margin")
    }

    /// Losses, steps and compute: glibc is asked for almost none of them (about 1 in 800).
    @Test func theTableDecidesNearlyEveryValue() {
        let values = Self.random(100_000, exponentsFrom: -1, to: 1, seed: 3) + Self.random(100_000, exponentsFrom: 0, to: 24, seed: 4)
        let undecided = values.filter { log10Drawn.estimate($0) == nil }.count
        #expect(undecided < values.count / 200, "\(undecided) of \(values.count) left to glibc")
    }
}
