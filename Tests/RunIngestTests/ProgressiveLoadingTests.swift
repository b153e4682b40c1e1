import Foundation
import Glibc
import Testing
@testable import RunIngest

/// A dashboard's follower loads progressively: every run is in the store at once (the first
/// frame shows them), read a slice at a time by `continueLoading`, and a run written to
/// before its turn is read whole at once.
@Suite struct ProgressiveLoadingTests {
    let study = ScratchStudy()

    func makeRuns(_ count: Int, points: Int = 3) throws {
        for r in 0..<count {
            let lines = (1...points).map { "{\"step\": \($0), \"loss\": \(3.0 - Double($0) * 0.01)}\n" }.joined()
            try study.write(lines, to: String(format: "r%03d/metrics.jsonl", r))
            try study.write(#"{"parameters": 1e8}"#, to: String(format: "r%03d/scaletop.json", r))
        }
    }

    @Test func runsAppearAtOnceAndFillInSliceBySlice() throws {
        try makeRuns(5)
        let follower = StudyFollower(root: study.root, loading: .progressive)
        // Nothing is looked at before the first slice: the first frame comes first.
        #expect(follower.store.runs.isEmpty)
        #expect(follower.loadingProgress == LoadingProgress(read: 0, found: 0))
        // The first slice walks the tree: every run is listed, none read.
        #expect(follower.continueLoading(budgetSeconds: 60))
        #expect(follower.store.runs.count == 5)
        #expect(follower.store.totalPoints == 0)
        #expect(follower.loadingProgress == LoadingProgress(read: 0, found: 5))

        // A zero budget still reads one run per call.
        #expect(follower.continueLoading(budgetSeconds: 0))
        #expect(follower.loadingProgress == LoadingProgress(read: 1, found: 5))
        #expect(follower.store.runs.first { $0.name == "r000" }?.points.count == 3)
        #expect(follower.store.runs.first { $0.name == "r000" }?.metadata.parameters == 1e8)
        #expect(follower.store.runs.first { $0.name == "r001" }?.points.count == 0)

        follower.continueLoading(budgetSeconds: 60)
        #expect(follower.loadingProgress == nil)
        #expect(follower.store.totalPoints == 15)
        #expect(follower.store.runs.allSatisfy { $0.metadata.parameters == 1e8 })
        #expect(!follower.continueLoading(budgetSeconds: 60), "nothing left to read")
    }

    @Test func eagerLoadingReadsEverythingBeforeInitReturns() throws {
        try makeRuns(3)
        let follower = StudyFollower(root: study.root)
        #expect(follower.loadingProgress == nil)
        #expect(follower.store.totalPoints == 9)
    }

    @Test func aRunWrittenBeforeItsTurnIsReadWholeAndOnce() throws {
        try makeRuns(4)
        let follower = StudyFollower(root: study.root, loading: .progressive)
        follower.continueLoading(budgetSeconds: 0)     // the walk of the tree
        let handle = try #require(FileHandle(forWritingAtPath: study.root + "/r003/metrics.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"step\": 4, \"loss\": 2.5}\n".utf8))
        try handle.close()
        let fd = try #require(follower.wakeDescriptor)
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = Glibc.poll(&p, 1, 2000)
        follower.handleWake()
        #expect(follower.store.runs.first { $0.name == "r003" }?.points.map(\.step) == [1, 2, 3, 4])
        #expect(follower.store.runs.first { $0.name == "r003" }?.metadata.parameters == 1e8)
        #expect(follower.loadingProgress == LoadingProgress(read: 1, found: 4))
        follower.continueLoading(budgetSeconds: 60)
        #expect(follower.store.runs.first { $0.name == "r003" }?.points.count == 4, "read once, not twice")
        #expect(follower.store.totalPoints == 13)
    }

    @Test func aPollingFollowerReadsTheRestAtItsNextTick() throws {
        try makeRuns(3)
        let follower = StudyFollower(root: study.root, mode: .polling(intervalSeconds: 1), loading: .progressive)
        #expect(follower.store.totalPoints == 0)
        follower.poll()
        #expect(follower.loadingProgress == nil)
        #expect(follower.store.totalPoints == 9)
        #expect(follower.store.runs.allSatisfy { $0.metadata.parameters == 1e8 })
    }
}
