import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// `--poll` (NFS, Lustre): each tick of the event loop is one `poll()`, and each tick finds
/// files and runs that appeared since the last one, however soon after it.
@Suite struct StudyFollowerPollingTests {
    let root = NSTemporaryDirectory() + "scaletop-poll-\(UUID().uuidString.prefix(8))"

    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func everyPollFindsNewRunsAndNewFilesOfARun() throws {
        try write("{\"step\": 1, \"loss\": 3}\n", to: root + "/a/metrics.jsonl")
        // An hour-long interval: only the tick itself can find anything.
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 3600))
        #expect(follower.wakeDescriptor == nil)
        #expect(follower.store.runs.map(\.id) == ["a/metrics.jsonl"])

        try write("{\"step\": 1, \"loss\": 4}\n", to: root + "/b/deeper/metrics.jsonl")
        try write("step,loss\n1,5\n2,4.5\n", to: root + "/c.csv")
        follower.poll()
        #expect(follower.store.runs.map(\.id) == ["a/metrics.jsonl", "b/deeper/metrics.jsonl", "c.csv"])
        #expect(follower.store.run(id: "c.csv")?.points.map(\.step) == [1, 2])

        // A resumed TensorBoard job's second event file, moments after the first was found.
        let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/tensorboard/pytorch-new-style").path
        let events = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.contains("tfevents") }.sorted()
        try #require(events.count == 2)
        try FileManager.default.createDirectory(atPath: root + "/tb", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/" + events[0], toPath: root + "/tb/" + events[0])
        follower.poll()
        let firstFileOnly = try #require(follower.store.run(id: "tb")).points
        try FileManager.default.copyItem(atPath: fixtures + "/" + events[1], toPath: root + "/tb/" + events[1])
        follower.poll()
        let expected = StudyFollower(root: (fixtures as NSString).deletingLastPathComponent, mode: .polling(intervalSeconds: 1))
            .store.run(id: "pytorch-new-style")?.points
        #expect(!firstFileOnly.isEmpty)
        #expect(follower.store.run(id: "tb")?.points == expected)
    }
}
