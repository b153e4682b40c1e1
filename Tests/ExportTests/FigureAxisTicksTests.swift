import Charts
import Testing
@testable import Export

/// Which ticks a figure's log axis labels when it spans less than a decade or two.
@Suite struct FigureAxisTicksTests {
    static func labels(_ lower: Double, _ upper: Double, target: Int = 6) -> [Double] {
        FigureAxisTicks.choose(scale: Scale(kind: .log10, lower: lower, upper: upper), target: target) { _ in true }
            .ticks.filter(\.labelled).map(\.value)
    }

    /// A frontier of real-writer runs: loss 6.8–19 on a log axis was labelled 7, 8, 9, 10,
    /// all in its lower 40%, the upper part without a number.
    @Test func labelsReachAcrossTheAxis() {
        #expect(Self.labels(6.8, 19) == [7, 10, 15])
        #expect(Self.labels(6.8, 26) == [7, 10, 15, 20])
        // Every integer multiple gives 8, 9, 10 here, a fifth of the axis: a linear step
        // spreads further.
        #expect(Self.labels(7.5, 19) == [7.5, 10, 12.5, 15, 17.5])
    }

    /// Axes whose labels already spread keep them.
    @Test func spreadLabelsAreKept() {
        #expect(Self.labels(1.2e8, 4e9) == [3e8, 1e9, 3e9])
        #expect(Self.labels(1.6, 9.5) == [2, 3, 5])
        #expect(Self.labels(2.45, 4.2) == [2.5, 3, 3.5, 4])
        #expect(Self.labels(1e6, 1e12) == [1e6, 1e8, 1e10, 1e12])
    }
}
