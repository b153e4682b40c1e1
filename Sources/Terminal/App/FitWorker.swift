import RunIngest
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

    init(bootstrapSamples: Int = 200) {
        // Used on the worker's thread only.
        let forecaster = RunForecaster()
        worker = BackgroundWorker(name: "scaletop-fits") { request in
            let summaries = request.runs.map {
                RunSummary(run: $0, now: request.now, issueCount: request.issueCounts[$0.id] ?? 0)
            }
            let fits = StudyFits.compute(summaries, bootstrapSamples: bootstrapSamples, threads: 1)
            let forecasts = forecaster.forecasts(for: request.runs, frontier: fits.frontier)
            return Result(fits: fits, forecasts: forecasts, generation: request.generation)
        }
    }

    /// Readable when a result is waiting.
    var wakeDescriptor: Int32 { worker.wakeDescriptor }
    var busy: Bool { worker.isWorking }
    func request(_ request: Request) { worker.submit(request) }
    /// The newest result, once.
    func takeResult() -> Result? { worker.take() }
}
