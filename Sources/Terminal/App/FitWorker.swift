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

    public init(runs: [Run], issueCounts: [String: Int], now: Double, generation: Int) {
        self.runs = runs
        self.issueCounts = issueCounts
        self.now = now
        self.generation = generation
    }
}

/// The study's fits and each running run's forecast, for the generation asked about.
public struct FitResult: Sendable {
    public var fits: StudyFits
    public var forecasts: [String: RunForecast]
    public var generation: Int

    public init(fits: StudyFits, forecasts: [String: RunForecast], generation: Int) {
        self.fits = fits
        self.forecasts = forecasts
        self.generation = generation
    }

    /// The fits and forecasts for `request`, computed on the calling thread. `summaries`
    /// keeps each run's summary and thinned curve until that run changes; `progress`, when
    /// given, follows the bootstrap and the forecasts for the status line.
    public static func compute(_ request: FitRequest, bootstrapSamples: Int, forecaster: RunForecaster,
                               summaries cache: inout RunSummaryCache, progress: ProgressCounter? = nil) -> FitResult {
        let summaries = cache.summaries(of: request.runs, issueCounts: request.issueCounts, now: request.now)
        let fits = StudyFits.compute(summaries, bootstrapSamples: bootstrapSamples, threads: 1, progress: progress)
        let forecasts = forecaster.forecasts(for: request.runs, fits: fits) { done, total in
            guard let progress else { return }
            if done == 0 { progress.begin("forecasts", total: total) } else { progress.advance() }
        }
        return FitResult(fits: fits, forecasts: forecasts, generation: request.generation)
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
        let summaries = Mutex(RunSummaryCache(includeCurve: true))
        worker = BackgroundWorker(name: "scaletop-fits") { request in
            summaries.withLock { cache in
                FitResult.compute(request, bootstrapSamples: bootstrapSamples, forecaster: forecaster,
                                  summaries: &cache, progress: progress)
            }
        }
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
    func stop() { worker.stop() }
}
