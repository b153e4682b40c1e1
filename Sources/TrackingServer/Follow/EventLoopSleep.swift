import NIOCore
import NIOPosix
import Synchronization

/// A pause between reads of the server, timed by SwiftNIO's event loop rather than by
/// `Task.sleep`. `Task.sleep` is woken through Swift's global executor, whose cooperative
/// threads (one per core: two on a small login node) a busy process can hold for long
/// stretches (tests that wait synchronously do); the follower would then never wake to poll
/// or retry. The event loop's thread resumes the task on its own executor
/// (`ThreadTaskExecutor`). Cancelling the task ends the pause at once.
enum EventLoopSleep {
    static func sleep(seconds: Double) async {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: Void.self)
        // Whoever ends the pause first (the timer or a cancellation) fulfils the promise.
        let ended = Mutex(false)
        let end: @Sendable () -> Void = {
            if ended.withLock({ was in defer { was = true }; return !was }) { promise.succeed(()) }
        }
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(max(0, seconds) * 1e9))) { end() }
        await withTaskCancellationHandler {
            try? await promise.futureResult.get()
        } onCancel: {
            timer.cancel()
            end()
        }
    }
}
