import Foundation
import Glibc

/// One thread that runs jobs off the UI thread and wakes the event loop when an output is
/// ready: a byte on `wakeDescriptor`, which the loop's poll(2) watches. Only the newest
/// submitted job is kept while one runs, so a busy study never queues stale work. The
/// fits (`FitWorker`) and the exports (`ExportWorker`) each own one.
final class BackgroundWorker<Job, Output>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: Job?
    private var finished: Output?
    private var running = false
    private let pipeRead: Int32
    private let pipeWrite: Int32
    private let work: (Job) -> Output

    /// `work` runs on the worker's thread only.
    init(name: String, work: @escaping (Job) -> Output) {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        self.work = work
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Readable when an output is waiting.
    var wakeDescriptor: Int32 { pipeRead }

    /// A job is waiting or running.
    var isWorking: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running || pending != nil
    }

    /// A job is waiting or running, or its output has not been taken yet.
    var isOccupied: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running || pending != nil || finished != nil
    }

    func submit(_ job: Job) {
        condition.lock()
        pending = job
        condition.signal()
        condition.unlock()
    }

    /// The newest output, once.
    func take() -> Output? {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(pipeRead, &sink, sink.count) > 0 {}
        condition.lock()
        defer { condition.unlock() }
        let output = finished
        finished = nil
        return output
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
            let job = pending!
            pending = nil
            running = true
            condition.unlock()

            let output = work(job)

            condition.lock()
            finished = output
            running = false
            condition.unlock()
            var byte: UInt8 = 1
            _ = write(pipeWrite, &byte, 1)
        }
    }
}
