import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// Every format followed live, with inotify and with polling: a writer appends (cutting
/// records in two), restarts from an earlier step, truncates, rotates, deletes and
/// re-creates, and after each step the followed run equals a one-shot read of what the
/// writer wrote: no point lost, none duplicated.
@Suite(.serialized) struct StudyFollowerLiveFormatsTests {
    static let modes: [StudyFollower.Mode] = [.inotify, .polling(intervalSeconds: 1)]

    func points(_ follower: StudyFollower) -> [MetricPoint] {
        follower.store.runs.first.map { Array($0.points) } ?? []
    }

    @Test(arguments: LiveLog.all, modes)
    func appendedLog(log: LiveLog, mode: StudyFollower.Mode) throws {
        try #require(!log.whole.isEmpty, "fixture for \(log.format) missing")
        let root = NSTemporaryDirectory() + "scaletop-live-\(UUID().uuidString.prefix(8))"
        let path = root + "/" + log.file
        try LogWriter.writeFiles(log.companions.merging([log.file: []]) { a, _ in a }, under: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let follower = StudyFollower(root: root, mode: mode)
        var files = log.companions
        func expectMatches(_ written: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            files[log.file] = written
            let expected = try LiveOracle.points(files)
            follower.settle { points(follower) == expected }
            #expect(points(follower) == expected, "\(log.format), \(mode): \(what)", sourceLocation: sourceLocation)
        }

        // Growth, a record at a time and half a record at a time.
        var written: [UInt8] = []
        for (i, piece) in log.pieces.enumerated() {
            LogWriter.append(piece, to: path)
            written += piece
            try expectMatches(written, "after piece \(i + 1) of \(log.pieces.count)")
        }
        #expect(!points(follower).isEmpty)
        #expect(follower.store.runs.count == 1)

        // A restarted writer appends from an earlier step: those points are replaced.
        for piece in log.restart ?? [] {
            LogWriter.append(piece, to: path)
            written += piece
            try expectMatches(written, "restart")
        }

        // Truncated in place, then written from the start again.
        let half = Array(log.pieces.prefix(log.pieces.count / 2).joined())
        let beforeTruncation = points(follower)
        LogWriter.truncateAndWrite([], to: path)
        follower.settle()
        #expect(points(follower) == beforeTruncation, "\(log.format), \(mode): truncation alone loses nothing")
        LogWriter.append(half, to: path)
        try expectMatches(half, "truncated and rewritten")

        // Rotated: renamed away (out of the study), a new file of the same name.
        let rotated = NSTemporaryDirectory() + "scaletop-rotated-\(UUID().uuidString.prefix(8))"
        try FileManager.default.moveItem(atPath: path, toPath: rotated)
        try? FileManager.default.removeItem(atPath: rotated)
        LogWriter.append(log.whole, to: path)
        try expectMatches(log.whole, "rotated")

        // Deleted: the points stay, and the deletion is reported.
        let beforeDeletion = points(follower)
        try FileManager.default.removeItem(atPath: path)
        follower.settle { follower.store.issuesByFile.keys.contains(log.file) }
        #expect(points(follower) == beforeDeletion, "\(log.format), \(mode): deletion keeps the points")
        #expect(follower.store.issuesByFile[log.file]?.latest.message.contains("deleted") == true)

        // Re-created by a new writer: read from its start.
        LogWriter.append(half, to: path)
        try expectMatches(half, "re-created")
        #expect(follower.store.runs.count == 1, "\(log.format), \(mode): still one run")
    }

    @Test(arguments: RewrittenLog.all, modes)
    func rewrittenLog(log: RewrittenLog, mode: StudyFollower.Mode) throws {
        let root = NSTemporaryDirectory() + "scaletop-live-\(UUID().uuidString.prefix(8))"
        let path = root + "/" + log.file
        try LogWriter.writeFiles(log.companions.merging([log.file: log.saves[0]]) { a, _ in a }, under: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let follower = StudyFollower(root: root, mode: mode)
        var files = log.companions
        func expected(_ contents: [UInt8]) throws -> [MetricPoint] {
            files[log.file] = contents
            return try LiveOracle.points(files)
        }
        let firstSave = try expected(log.saves[0])
        #expect(points(follower) == firstSave)
        #expect(!points(follower).isEmpty)

        for (i, save) in log.saves.enumerated().dropFirst() {
            // Rewritten in place, not atomically: the follower may see it half-written.
            let previous = points(follower)
            let half = Array(save.prefix(save.count / 2))
            LogWriter.truncateAndWrite(half, to: path)
            follower.settle()
            let midway = points(follower)
            let halfRead = try expected(half)
            #expect(midway == previous || midway == halfRead, "\(log.format), \(mode): half-written save \(i)")
            LogWriter.append(Array(save[half.count...]), to: path)
            let want = try expected(save)
            follower.settle { points(follower) == want }
            #expect(points(follower) == want, "\(log.format), \(mode): save \(i)")
        }

        // Saved atomically (a new file renamed over the old one: new inode).
        let final = log.saves[log.saves.count - 2]
        try Data(final).write(to: URL(fileURLWithPath: path), options: .atomic)
        let want = try expected(final)
        follower.settle { points(follower) == want }
        #expect(points(follower) == want, "\(log.format), \(mode): atomic save")

        // Deleted, then written again.
        try FileManager.default.removeItem(atPath: path)
        follower.settle { follower.store.issuesByFile.keys.contains(log.file) }
        #expect(points(follower) == want, "\(log.format), \(mode): deletion keeps the points")
        LogWriter.truncateAndWrite(log.saves[0], to: path)
        let again = try expected(log.saves[0])
        follower.settle { points(follower) == again }
        #expect(points(follower) == again, "\(log.format), \(mode): re-created")
        #expect(follower.store.runs.count == 1)
    }
}
