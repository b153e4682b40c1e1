import Foundation
import RunIngest
import ScalingLaws
import StudyAnalysis
import Synchronization

/// What the fit thread is asked: the runs at one moment (a value: copying `[Run]` shares
/// the point arrays), their problem counts, the wall-clock time and the store's generation.
public struct FitRequest: Sendable {
    public var runs: [Run]
    public var issueCounts: [String: Int]
    public var now: Double
    public var generation: Int
    /// The run the person has selected: forecast first when not every running run is.
    public var selectedRunID: String?

    public init(runs: [Run], issueCounts: [String: Int], now: Double, generation: Int, selectedRunID: String? = nil) {
        self.runs = runs
        self.issueCounts = issueCounts
        self.now = now
        self.generation = generation
        self.selectedRunID = selectedRunID
    }
}

/// The study's fits and each running run's forecast, for the generation asked about.
public struct FitResult: Sendable {
    public var fits: StudyFits
    public var forecasts: [String: RunForecast]
    public var generation: Int
    /// Running runs left without a forecast (beyond `RunForecaster.defaultLimit`).
    public var unforecastRuns: Int
    /// The fits alone, published while the forecasts are still being made: they follow in
    /// the next result (`forecasts` is then empty, not the forecasts).
    public var forecastsToCome: Bool

    public init(fits: StudyFits, forecasts: [String: RunForecast], generation: Int, unforecastRuns: Int = 0,
                forecastsToCome: Bool = false) {
        self.fits = fits
        self.forecasts = forecasts
        self.generation = generation
        self.unforecastRuns = unforecastRuns
        self.forecastsToCome = forecastsToCome
    }

    /// Forecasting longer than this publishes the fits first (`fitsReady`)…
    public static let fitsWaitForForecastsAtMost = 0.5
    /// …when the forecasts left look like taking at least this long at the pace so far (a
    /// frame of its own is not worth less).
    public static let forecastsLeftWorthAFrame = 0.25

    /// The fits and forecasts for `request`, computed on the calling thread. `summaries`
    /// keeps each run's summary and thinned curve until that run changes, `fitter` each fit
    /// until its inputs change; `progress`, when given, follows the bootstrap and the
    /// forecasts for the status line. `fitsReady`, when given, is handed the fits alone
    /// once forecasting has taken `fitsWaitForForecastsAtMost` and the rest looks like taking
    /// `forecastsLeftWorthAFrame` more: on a study of long runs the forecasts of 200 running
    /// runs took 15 s, and the panels waited for them with the fits already made (issue 16). A quick forecast publishes nothing early (one redraw
    /// per fit, not two).
    public static func compute(_ request: FitRequest, fitter: inout StudyFitter, forecaster: RunForecaster,
                               summaries cache: inout RunSummaryCache, progress: ProgressCounter? = nil,
                               clock: @escaping () -> Double = MonotonicClock.seconds, fitsReady: ((FitResult) -> Void)? = nil) -> FitResult {
        let summaries = cache.summaries(of: request.runs, issueCounts: request.issueCounts, now: request.now)
        let fits = fitter.fit(summaries, progress: progress)
        let running = request.runs.reduce(0) { $0 + (!$1.isFinished && !$1.points.isEmpty ? 1 : 0) }
        let unforecast = max(0, running - RunForecaster.defaultLimit)
        let forecastingSince = clock()
        var published = fitsReady == nil
        let forecasts = forecaster.forecasts(for: request.runs, fits: fits, selected: request.selectedRunID) { done, total in
            if let progress {
                if done == 0 { progress.begin("forecasts", total: total) } else { progress.advance() }
            }
            guard !published, done > 0, done < total else { return }
            // Long enough waited, and enough left to be worth a frame of its own.
            let spent = clock() - forecastingSince
            guard spent >= fitsWaitForForecastsAtMost,
                  spent / Double(done) * Double(total - done) >= forecastsLeftWorthAFrame else { return }
            published = true
            fitsReady?(FitResult(fits: fits, forecasts: [:], generation: request.generation, unforecastRuns: unforecast,
                                 forecastsToCome: true))
        }
        return FitResult(fits: fits, forecasts: forecasts, generation: request.generation, unforecastRuns: unforecast)
    }
}

/// Runs the study's fits and forecasts off the UI thread, so keys never wait for a
/// bootstrap. Only the newest request is kept while a fit is running.
final class FitWorker: Sendable {
    private let worker: BackgroundWorker<FitRequest, FitResult>

    /// How far the running fit has got, for the status line.
    private let progress: ProgressCounter

    init(bootstrapSamples: Int) {
        let forecaster = RunForecaster()
        let progress = ProgressCounter()
        self.progress = progress
        // Touched on the worker's thread only; the mutex makes that checkable.
        let kept = Mutex((summaries: RunSummaryCache(includeCurve: true),
                          fitter: StudyFitter(bootstrapSamples: bootstrapSamples, threads: 1)))
        worker = BackgroundWorker(name: "scaletop-fits", publishingWork: { request, publish in
            kept.withLock { kept in
                withoutActuallyEscaping(publish) { publish in
                    FitResult.compute(request, fitter: &kept.fitter, forecaster: forecaster, summaries: &kept.summaries,
                                      progress: progress, fitsReady: publish)
                }
            }
        })
    }

    /// "bootstrap 120/200" while a fit runs.
    var progressText: String {
        let s = progress.snapshot
        return s.total > 0 ? "\(s.stage) \(min(s.done, s.total))/\(s.total)" : s.stage
    }

    /// Readable when a result is waiting.
    var wakeDescriptor: Int32 { worker.wakeDescriptor }
    func request(_ request: FitRequest) { worker.submit(request) }
    /// The newest result, once.
    func takeResult() -> FitResult? { worker.take() }
    /// Returns at once: a fit in hand is abandoned, not waited for, so `q` is instant.
    func stop() { worker.stop(waitingForJob: false) }
}
