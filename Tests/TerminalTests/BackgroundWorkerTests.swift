import Dispatch
import Foundation
import Testing
@testable import Terminal

/// Quitting the dashboard must not wait for a fit in hand: the fit worker's stop returns at
/// once and the abandoned job ends without writing to the closed pipe.
@Suite struct BackgroundWorkerTests {
    @Test func stoppingWithoutWaitingReturnsWhileTheJobRuns() {
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let worker = BackgroundWorker<Int, Int>(name: "test") { job in
            started.signal()
            release.wait()
            done.signal()
            return job * 2
        }
        worker.submit(21)
        started.wait()
        let t0 = Date()
        worker.stop(waitingForJob: false)
        #expect(Date().timeIntervalSince(t0) < 0.5)
        #expect(worker.isWorking, "the job is still running")
        release.signal()
        #expect(done.wait(timeout: .now() + 5) == .success)
    }

    @Test func stoppingAndWaitingEndsAfterTheJobInHand() {
        let started = DispatchSemaphore(value: 0)
        let worker = BackgroundWorker<Int, Int>(name: "test") { job in
            started.signal()
            Thread.sleep(forTimeInterval: 0.2)
            return job
        }
        worker.submit(1)
        started.wait()
        worker.stop()
        #expect(!worker.isWorking)
    }
}
