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

    /// An output published early is taken while the job runs on (the worker still counts
    /// as working), then the last one; taken late, only the last is seen.
    @Test func anEarlyOutputIsTakenBeforeTheLast() {
        let published = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let worker = BackgroundWorker<Int, Int>(name: "test", publishingWork: { job, publish in
            publish(job)
            published.signal()
            release.wait()
            return job * 2
        })
        worker.submit(21)
        published.wait()
        #expect(worker.take() == 21)
        #expect(worker.isWorking, "the job runs on after publishing")
        #expect(worker.take() == nil, "taken once")
        release.signal()
        var last: Int?
        for _ in 0..<500 where last == nil {
            last = worker.take()
            if last == nil { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(last == 42)
        #expect(!worker.isWorking)
        // Both published before a look: the last one only.
        worker.submit(5)
        published.wait()
        release.signal()
        for _ in 0..<500 where worker.isWorking { Thread.sleep(forTimeInterval: 0.01) }
        #expect(worker.take() == 10)
        #expect(worker.take() == nil)
        worker.stop()
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
