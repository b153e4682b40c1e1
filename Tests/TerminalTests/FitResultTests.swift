import Foundation
import Testing
@testable import RunIngest
import ScalingLaws
@testable import StudyAnalysis
@testable import Terminal

/// A fit whose forecasts take long publishes its fits first, once, and a quick one does not
/// (one result and one redraw per fit).
@Suite struct FitResultTests {
    /// `running` runs with a planned end (each is forecast) and three finished ones.
    static func request(runs running: Int) -> FitRequest {
        let runs = (0..<(running + 3)).map { r in
            let n = 1e8 * Double(r + 1)
            let finished = r >= running
            let points = (1...(finished ? 1000 : 400)).map { s in
                MetricPoint(step: s, loss: 2 + 30 / pow(Double(s), 0.4) + 0.01 * sin(Double(s + r)))
            }
            return Run(id: "run\(r)", name: "run \(r)",
                       metadata: RunMetadata(parameters: n, tokensPerStep: 4096, plannedTokens: 4096 * 1000), points: points)
        }
        return FitRequest(runs: runs, issueCounts: [:], now: 0, generation: 7)
    }

    /// The result, and what was published early with the forecasts done by then.
    static func compute(_ request: FitRequest, clock: @escaping () -> Double) -> (FitResult, [(FitResult, done: Int)]) {
        var fitter = StudyFitter(bootstrapSamples: 10, threads: 1)
        var summaries = RunSummaryCache(includeCurve: true)
        let progress = ProgressCounter()
        var early: [(FitResult, done: Int)] = []
        let result = FitResult.compute(request, fitter: &fitter, forecaster: RunForecaster(), summaries: &summaries,
                                       progress: progress, clock: clock) { early.append(($0, progress.snapshot.done)) }
        return (result, early)
    }

    @Test func slowForecastsLetTheFitsOutFirst() {
        // Each look at the clock finds 0.3 s more gone: after the second of four forecasts,
        // 0.6 s have gone and two remain.
        var now = 0.0
        let (result, early) = Self.compute(Self.request(runs: 4)) { now += 0.3; return now }
        #expect(early.count == 1)
        #expect(early.first?.done == 2, "published while forecasts remain")
        #expect(early.first?.0.forecastsToCome == true && early.first?.0.forecasts.isEmpty == true)
        #expect(early.first?.0.generation == 7)
        #expect(result.fits.finishedRunCount == 3 && early.first?.0.fits.finishedRunCount == 3)
        #expect(!result.forecastsToCome && result.forecasts.count == 4)
    }

    @Test func aLongWaitWithLittleLeftPublishesNothingEarly() {
        // 0.6 s for the first 9 forecasts, and 1 left: a frame for 70 ms of forecasts is not worth it.
        var now = 0.0
        let (_, early) = Self.compute(Self.request(runs: 10)) { now += 0.3; return now }
        #expect(early.first?.done == 2, "published early in a long list")
        var looks = 0
        let (_, none) = Self.compute(Self.request(runs: 10)) {
            looks += 1
            return looks < 10 ? 0 : 0.6   // the forecasts were quick until the ninth
        }
        #expect(none.isEmpty)
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
