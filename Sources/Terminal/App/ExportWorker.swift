import Foundation
import Glibc

/// Renders and writes exports off the UI thread: `S` on the 25-run OLMo ladder (four panels
/// in six formats, PDF and 1008×720 PNG through cairo) took about 0.3 s in a debug build,
/// long enough to stall keys. One export at a time; a byte on `wakeDescriptor` wakes the
/// event loop when it is done.
final class ExportWorker: @unchecked Sendable {
    struct Outcome {
        var job: PanelExportJob
        var result: Result<[String], any Error>
    }

    private let condition = NSCondition()
    private var pending: PanelExportJob?
    private var finished: Outcome?
    private var running = false
    private let pipeRead: Int32
    private let pipeWrite: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        let thread = Thread { [self] in loop() }
        thread.name = "scaletop-export"
        thread.start()
    }

    /// Readable when an export has finished.
    var wakeDescriptor: Int32 { pipeRead }

    /// True from `start` until its outcome is taken.
    var busy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running || pending != nil || finished != nil
    }

    func start(_ job: PanelExportJob) {
        condition.lock()
        pending = job
        condition.signal()
        condition.unlock()
    }

    func takeOutcome() -> Outcome? {
        var sink = [UInt8](repeating: 0, count: 16)
        while read(pipeRead, &sink, sink.count) > 0 {}
        condition.lock()
        defer { condition.unlock() }
        let outcome = finished
        finished = nil
        return outcome
    }

    private func loop() {
        // Signals belong to the UI thread (see FitWorker).
        var all = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, nil)
        while true {
            condition.lock()
            while pending == nil { condition.wait() }
            let job = pending!
            pending = nil
            running = true
            condition.unlock()

            let result = Result { try job.write() }

            condition.lock()
            finished = Outcome(job: job, result: result)
            running = false
            condition.unlock()
            var byte: UInt8 = 1
            _ = write(pipeWrite, &byte, 1)
        }
    }
}
