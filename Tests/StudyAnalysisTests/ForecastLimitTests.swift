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
