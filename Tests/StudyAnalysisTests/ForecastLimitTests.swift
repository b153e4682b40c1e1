import RunIngest
import ScalingLaws
import Testing
@testable import StudyAnalysis

/// A study with more running runs than are forecast: the selected run first, then the
/// largest planned compute, stable by id.
@Suite struct ForecastLimitTests {
    static func run(_ id: String, parameters: Double) -> Run {
        var run = Run(id: id, name: id, metadata: RunMetadata(parameters: parameters, tokensPerStep: 1000, plannedTokens: 1e9))
        run.append(MetricPoint(step: 1, loss: 3))
        return run
    }

    @Test func theSelectedRunThenTheLargestBudgets() {
        let runs = [Self.run("a", parameters: 1e8), Self.run("b", parameters: 4e8), Self.run("c", parameters: 2e8),
                    Self.run("d", parameters: 4e8)]
        #expect(RunForecaster.chosen(runs, selected: nil, limit: 4).map(\.id) == ["a", "b", "c", "d"], "under the limit: all, in order")
        #expect(RunForecaster.chosen(runs, selected: nil, limit: 2).map(\.id) == ["b", "d"])
        #expect(RunForecaster.chosen(runs, selected: "a", limit: 2).map(\.id) == ["a", "b"])
        #expect(RunForecaster.chosen(runs, selected: "zz", limit: 3).map(\.id) == ["b", "d", "c"])
    }

    /// The cut sorts only the runs that can make it; the order is that of sorting them all.
    @Test(arguments: [0, 1, 5, 37, 200] as [Int])
    func theChoiceIsThatOfSortingEveryRun(limit: Int) {
        var rng = SplitMix64(seed: UInt64(limit + 1))
        let budgets = [1e8, 2e8, 4e8, 8e8]
        let runs = (0..<600).map { _ in
            Self.run("r\(Int.random(in: 0..<100_000, using: &rng))", parameters: budgets.randomElement(using: &rng)!)
        }
        for selected in [nil, runs[17].id, "absent"] as [String?] {
            let everyRun = runs.indices.sorted { a, b in
                let (x, y) = (runs[a], runs[b])
                if (x.id == selected) != (y.id == selected) { return x.id == selected }
                let (fx, fy) = (RunForecaster.plannedFlops(x) ?? 0, RunForecaster.plannedFlops(y) ?? 0)
                if fx != fy { return fx > fy }
                return x.id < y.id
            }
            let got = runs.withUnsafeBufferPointer { RunForecaster.ranked(Array(runs.indices), in: $0, selected: selected, limit: limit) }
            #expect(got.map { runs[$0].id } == everyRun.prefix(limit).map { runs[$0].id }, "limit \(limit), selected \(selected ?? "none")")
        }
    }

    @Test func forecastsStopAtTheLimit() {
        let runs = (0..<5).map { Self.run("r\($0)", parameters: 1e8 * Double($0 + 1)) }
        let forecasts = RunForecaster().forecasts(for: runs, fits: .empty, selected: "r0", limit: 2)
        #expect(Set(forecasts.keys) == ["r0", "r4"])
    }
}

/// The floor a forecast was made with stands while the study's E moves by less than 0.1%.
@Suite struct ForecastFloorToleranceTests {
    @Test func smallMovesOfTheFloorKeepTheForecast() {
        let floor = LossFloor(value: 1.80, source: "frontier")
        #expect(RunForecaster.sameFloor(floor, LossFloor(value: 1.8015, source: "frontier")))
        #expect(!RunForecaster.sameFloor(floor, LossFloor(value: 1.81, source: "frontier")))
        #expect(!RunForecaster.sameFloor(floor, LossFloor(value: 1.80, source: "Approach 3")))
        #expect(!RunForecaster.sameFloor(floor, nil))
        #expect(RunForecaster.sameFloor(nil, nil))
    }
}
