import Foundation
import Glibc
import Testing
import TestSupport
@testable import RunIngest

/// When the kernel's inotify queue overflows (more events than
/// `fs.inotify.max_queued_events` while the follower was busy), the events are gone: the
/// follower must look at every file again, and say that it did.
@Suite struct InotifyOverflowTests {
    @Test func anOverflowedQueueMakesAFullRescanAndLosesNoPoint() throws {
        let root = NSTemporaryDirectory() + "scaletop-overflow-\(UUID().uuidString.prefix(8))"
        for run in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(run)", withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        let follower = StudyFollower(root: root)
        try #require(follower.wakeDescriptor != nil, "inotify is needed for this test")
        let limit = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16384
        // Alternate between two files so the kernel cannot merge repeated events, and write
        // more lines than the queue holds before the follower looks.
        let lines = limit + 2000
        let handles = try ["a", "b"].map { run -> Int32 in
            let fd = open("\(root)/\(run)/metrics.jsonl", O_WRONLY | O_CREAT | O_APPEND, 0o644)
            try #require(fd >= 0)
            return fd
        }
        for step in 0..<lines {
            let line = Array("{\"step\": \(step / 2), \"loss\": \(5.0 - Double(step) * 1e-5)}\n".utf8)
            _ = line.withUnsafeBytes { write(handles[step % 2], $0.baseAddress, $0.count) }
        }
        handles.forEach { close($0) }
        follower.settle { follower.store.totalPoints == lines }
        #expect(follower.overflowRescans >= 1, "the queue of \(limit) events should have overflowed")
        #expect(follower.store.runs.count == 2)
        #expect(follower.store.totalPoints == lines)
        #expect(follower.store.runs.map(\.points) == (try StudyFollower.load(root: root)).runs.map(\.points))
    }
}
