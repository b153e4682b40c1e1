import RunIngest
import ScalingLaws
import StudyAnalysis

/// Runs the study's fits and forecasts off the UI thread, so keys never wait for a
/// bootstrap. The UI posts the latest runs (a value: copying `[Run]` shares the point
/// arrays); only the newest request is kept while a fit is running.
final class FitWorker: @unchecked Sendable {
    struct Request {
        var runs: [Run]
        var issueCounts: [String: Int]
        var now: Double
        var generation: Int
    }

    struct Result {
        var fits: StudyFits
        var forecasts: [String: RunForecast]
        var generation: Int
    }

    private let worker: BackgroundWorker<Request, Result>
    /// How far the running fit has got, for the status line.
    private let progress = ProgressCounter()

    init(bootstrapSamples: Int = 200) {
        // Used on the worker's thread only.
        let forecaster = RunForecaster()
        let progress = self.progress
        worker = BackgroundWorker(name: "scaletop-fits") { request in
            let summaries = request.runs.map {
                RunSummary(run: $0, now: request.now, issueCount: request.issueCounts[$0.id] ?? 0)
            }
            let fits = StudyFits.compute(summaries, bootstrapSamples: bootstrapSamples, threads: 1, progress: progress)
            let forecasts = forecaster.forecasts(for: request.runs, fits: fits) { done, total in
                if done == 0 { progress.begin("forecasts", total: total) } else { progress.advance() }
            }
            return Result(fits: fits, forecasts: forecasts, generation: request.generation)
        }
    }

    /// "bootstrap 120/200" while a fit runs.
    var progressText: String {
        let s = progress.snapshot
        return s.total > 0 ? "\(s.stage) \(min(s.done, s.total))/\(s.total)" : s.stage
    }

    /// Readable when a result is waiting.
    var wakeDescriptor: Int32 { worker.wakeDescriptor }
    var busy: Bool { worker.isWorking }
    func request(_ request: Request) { worker.submit(request) }
    /// The newest result, once.
    func takeResult() -> Result? { worker.take() }
}
