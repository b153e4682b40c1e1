import Foundation
import Testing
@testable import RunIngest
@testable import StudyAnalysis
@testable import Terminal

/// A fit whose forecasts take long publishes its fits first, once, and a quick one does not
/// (one result and one redraw per fit).
@Suite struct FitResultTests {
    /// Running runs with a planned end, so each is forecast.
    static func request(runs: Int) -> FitRequest {
        let runs = (0..<runs).map { r in
            let n = 1e8 * Double(r + 1)
            let points = (1...400).map { s in MetricPoint(step: s, loss: 2 + 30 / pow(Double(s), 0.4) + 0.01 * sin(Double(s + r))) }
            return Run(id: "run\(r)", name: "run \(r)",
                       metadata: RunMetadata(parameters: n, tokensPerStep: 4096, plannedTokens: 4096 * 1000), points: points)
        }
        return FitRequest(runs: runs, issueCounts: [:], now: 0, generation: 7)
    }

    /// The result and what was published early, with `clock` read by the fit.
    static func compute(_ request: FitRequest, clock: @escaping () -> Double) -> (FitResult, [FitResult]) {
        var fitter = StudyFitter(bootstrapSamples: 10, threads: 1)
        var summaries = RunSummaryCache(includeCurve: true)
        var early: [FitResult] = []
        let result = FitResult.compute(request, fitter: &fitter, forecaster: RunForecaster(), summaries: &summaries,
                                       clock: clock) { early.append($0) }
        return (result, early)
    }

    @Test func slowForecastsLetTheFitsOutFirst() {
        // Each look at the clock finds 0.3 s more gone: the third forecast starts past 0.5 s.
        var now = 0.0
        let (result, early) = Self.compute(Self.request(runs: 4)) { now += 0.3; return now }
        #expect(early.count == 1)
        #expect(early.first?.forecastsToCome == true && early.first?.forecasts.isEmpty == true)
        #expect(early.first?.generation == 7)
        #expect(early.first?.fits.finishedRunCount == result.fits.finishedRunCount)
        #expect(!result.forecastsToCome && result.forecasts.count == 4)
    }

    @Test func quickForecastsPublishNothingEarly() {
        let (result, early) = Self.compute(Self.request(runs: 4)) { 0 }
        #expect(early.isEmpty)
        #expect(!result.forecastsToCome && result.forecasts.count == 4)
        // Nothing is published after the last forecast either, however late it is.
        var now = 0.0
        let (_, late) = Self.compute(Self.request(runs: 1)) { now += 10; return now }
        #expect(late.isEmpty, "one run: its forecast is the last, and the result follows at once")
    }
}
