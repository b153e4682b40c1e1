import Foundation
import Glibc
import RunIngest
import StudyAnalysis

/// Runs the study's fits off the UI thread, so keys never wait for a bootstrap. The UI
/// posts the latest runs (a value: copying `[Run]` shares the point arrays); only the newest
/// request is kept while a fit is running, so a busy study never queues stale work. When
/// a result is ready, a byte on `wakeDescriptor` wakes the event loop's poll(2).
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

    private let condition = NSCondition()
    private var pending: Request?
    private var finished: Result?
    private(set) var isBusy = false
    private let pipeRead: Int32
    private let pipeWrite: Int32
    let bootstrapSamples: Int
    /// Used on the worker thread only.
    private let forecaster = RunForecaster()

    init(bootstrapSamples: Int = 200) {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        self.bootstrapSamples = bootstrapSamples
        let thread = Thread { [self] in loop() }
        thread.name = "scaletop-fits"
        thread.start()
    }

    /// Readable when a result is waiting.
    var wakeDescriptor: Int32 { pipeRead }

    var busy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isBusy || pending != nil
    }

    func request(_ request: Request) {
        condition.lock()
        pending = request
        condition.signal()
        condition.unlock()
    }

    /// The newest result, once.
    func takeResult() -> Result? {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(pipeRead, &sink, sink.count) > 0 {}
        condition.lock()
        defer { condition.unlock() }
        let result = finished
        finished = nil
        return result
    }

    private func loop() {
        // Signals belong to the UI thread: a SIGWINCH or SIGTERM taken by this thread would
        // not interrupt the event loop's poll(2), and the resize or exit would wait.
        var all = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, nil)
        while true {
            condition.lock()
            while pending == nil { condition.wait() }
            let request = pending!
            pending = nil
            isBusy = true
            condition.unlock()

            let summaries = request.runs.map {
                RunSummary(run: $0, now: request.now, issueCount: request.issueCounts[$0.id] ?? 0)
            }
            let fits = StudyFits.compute(summaries, bootstrapSamples: bootstrapSamples, threads: 1)
            let forecasts = forecaster.forecasts(for: request.runs, frontier: fits.frontier)

            condition.lock()
            finished = Result(fits: fits, forecasts: forecasts, generation: request.generation)
            isBusy = false
            condition.unlock()
            var byte: UInt8 = 1
            _ = write(pipeWrite, &byte, 1)
        }
    }
}
