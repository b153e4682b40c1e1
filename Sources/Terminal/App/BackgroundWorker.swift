import Dispatch
import Foundation
import Glibc
import Synchronization

/// One thread that runs jobs off the UI thread and wakes the event loop when an output is
/// ready: a byte on `wakeDescriptor`, which the loop's poll(2) watches. Only the newest
/// submitted job is kept while one runs, so a busy study never queues stale work. The
/// fits (`FitWorker`) and the exports (`ExportWorker`) each own one. The thread holds the
/// worker until `stop()`, which ends it after the job in hand and closes the pipe.
final class BackgroundWorker<Job: Sendable, Output: Sendable>: Sendable {
    private struct State: ~Copyable {
        var pending: Job?
        var finished: Output?
        var running = false
        var stopping = false
        var pipeOpen = true
    }

    private let state = Mutex(State())
    /// Signalled once per submitted job and once by `stop`.
    private let wake = DispatchSemaphore(value: 0)
    /// Signalled by the thread as it ends, so `stop` can wait for it.
    private let ended = DispatchSemaphore(value: 0)
    private let pipeRead: Int32
    private let pipeWrite: Int32
    private let work: @Sendable (Job, _ publish: (Output) -> Void) -> Output

    /// `work` runs on the worker's thread only.
    convenience init(name: String, work: @escaping @Sendable (Job) -> Output) {
        self.init(name: name) { job, _ in work(job) }
    }

    /// `work` runs on the worker's thread only, and may `publish` outputs before its last
    /// (taken like any other: the fits, before the forecasts that follow them).
    init(name: String, publishingWork work: @escaping @Sendable (Job, _ publish: (Output) -> Void) -> Output) {
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
        state.withLock { $0.running || $0.pending != nil }
    }

    /// A job is waiting or running, or its output has not been taken yet.
    var isOccupied: Bool {
        state.withLock { $0.running || $0.pending != nil || $0.finished != nil }
    }

    func submit(_ job: Job) {
        let accepted = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            let wasIdle = state.pending == nil
            state.pending = job
            return wasIdle
        }
        // A job replacing one still waiting needs no second wake-up.
        if accepted { wake.signal() }
    }

    /// The newest output, once.
    func take() -> Output? {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(pipeRead, &sink, sink.count) > 0 {}
        return state.withLock { state in
            let output = state.finished
            state.finished = nil
            return output
        }
    }

    /// End the thread once the job in hand is done (a waiting job is dropped), and close
    /// the pipe. Safe to call more than once. Without `waitingForJob` it returns at once and
    /// the job in hand runs on, its output dropped: quitting must not wait for a long fit
    /// (the terminal is given back only after this returns).
    func stop(waitingForJob: Bool = true) {
        let first = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.stopping = true
            state.pending = nil
            return true
        }
        guard first else { return }
        wake.signal()
        if waitingForJob { ended.wait() }
        // Under the lock, so a job finishing now never writes to a closed (or reused) descriptor.
        state.withLock { state in
            state.pipeOpen = false
            close(pipeRead)
            close(pipeWrite)
        }
    }

    private func loop() {
        // Signals belong to the UI thread: a SIGWINCH or SIGTERM taken by this thread would
        // not interrupt the event loop's poll(2), and the resize or exit would wait.
        var all = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, nil)
        while true {
            wake.wait()
            let job = state.withLock { state -> Job? in
                guard !state.stopping, let job = state.pending else { return nil }
                state.pending = nil
                state.running = true
                return job
            }
            guard let job else {
                if state.withLock({ $0.stopping }) { break }
                continue
            }
            let output = work(job) { early in deliver(early, last: false) }
            deliver(output, last: true)
        }
        ended.signal()
    }

    /// `output` made the one to take, and the event loop woken.
    private func deliver(_ output: Output, last: Bool) {
        state.withLock { state in
            state.finished = output
            if last { state.running = false }
            guard state.pipeOpen else { return }
            var byte: UInt8 = 1
            _ = write(pipeWrite, &byte, 1)
        }
    }
}
