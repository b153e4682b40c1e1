import Foundation
import Glibc
import Testing
import TestSupport

/// `scaletop runs` through the real binary, on logs the real libraries wrote and on the
/// awkward inputs users meet: names, statuses, a file given instead of a folder, names that
/// are not UTF-8 or hold characters that take no cell.
@Suite struct RunsFromRealWritersTests {
    let binary = BuiltBinary.path

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try ProcessRunner.run([binary, "runs"] + arguments + ["--format", "json"])
        try #require(result.status == 0, "\(result.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: RealWriterStudy.isAvailable, "needs tensorboardX, wandb and mlflow (make test installs them into .venv)"))
    func namesAndStatusesAreWhatTheWritersRecorded() throws {
        let (root, expected) = try RealWriterStudy.written.get()
        let runs = try #require(try json([root])["runs"] as? [[String: Any]])
        #expect(runs.count == expected.count)
        for want in expected {
            let run = try #require(runs.first { $0["name"] as? String == want.name }, "no run named \(want.name)")
            #expect(run["status"] as? String == want.status, "\(want.name)")
            #expect((run["metadata"] as? [String: Any])?["parameters"] as? Double == want.parameters, "\(want.name)")
            #expect(run["points"] as? Int == want.points, "\(want.name)")
        }
        let crashed = try #require(runs.first { $0["name"] as? String == "wb-gamma-crashed" })
        #expect(crashed["failure"] as? String == "exit code 1")

        // The table fits the terminal (here 124 columns, the least it needs; unshortened it is 160 wide): names
        // and sources shortened in the middle.
        let table = try ProcessRunner.run(["env", "COLUMNS=124", binary, "runs", root])
        #expect(table.status == 0)
        let lines = table.output.split(separator: "\n").prefix(while: { !$0.isEmpty })
        #expect(lines.allSatisfy { $0.count <= 124 }, "\(lines.map(\.count))")
        #expect(table.output.contains("wb-alpha"))
        #expect(table.output.contains(" done "))
        #expect(table.output.contains(" stale "))
    }

    @Test func aFileNamesTheRunThatReadsIt() throws {
        let root = NSTemporaryDirectory() + "scaletop-runsfile-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{\"step\": 1, \"loss\": 3}\n".write(toFile: root + "/a/metrics.jsonl", atomically: true, encoding: .utf8)
        try "{\"step\": 1, \"loss\": 4}\n".write(toFile: root + "/b/metrics.jsonl", atomically: true, encoding: .utf8)
        try "hello\n".write(toFile: root + "/a/notes.md", atomically: true, encoding: .utf8)
        let runs = try #require(try json([root + "/a/metrics.jsonl"])["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["last_loss"] as? Double == 3)

        let notALog = try ProcessRunner.run([binary, "runs", root + "/a/notes.md"])
        #expect(notALog.status != 0)
        #expect(notALog.output.contains("no run reads this file"))
        let missing = try ProcessRunner.run([binary, "runs", root + "/nope"])
        #expect(missing.status != 0)
        #expect(missing.output.contains("no such file or folder"))
    }

    @Test func namesAreSafeForTheTerminalAndItsColumns() throws {
        let root = NSTemporaryDirectory() + "scaletop-names-\(UUID().uuidString.prefix(8))"
        // A zero-width space and a right-to-left override; a folder whose name is Latin-1,
        // not UTF-8.
        let sneaky = "run\u{200B}a\u{202E}b"
        try FileManager.default.createDirectory(atPath: root + "/" + sneaky, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{\"step\": 1, \"loss\": 3}\n".write(toFile: root + "/" + sneaky + "/metrics.jsonl", atomically: true, encoding: .utf8)
        var latin1 = Array((root + "/").utf8) + [0x72, 0xE9, 0x73, 0]
        #expect(latin1.withUnsafeMutableBufferPointer { mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o755) } == 0)
        latin1.removeLast()
        var file = latin1 + Array("/metrics.jsonl".utf8) + [0]
        let fd = file.withUnsafeMutableBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        let line = Array("{\"step\": 1, \"loss\": 5}\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let table = try ProcessRunner.run([binary, "runs", root])
        #expect(table.status == 0)
        #expect(table.output.contains("run\\u{200B}a\\u{202E}b"))
        #expect(table.output.contains("r\\xE9s"))
        #expect(!table.output.unicodeScalars.contains { $0.value == 0x200B || $0.value == 0x202E })
        // Every row's columns line up: "JSONL" starts in the same column on each.
        let columns = table.output.split(separator: "\n").filter { $0.contains("JSONL") }.map { $0.range(of: "JSONL")!.lowerBound.utf16Offset(in: $0) }
        #expect(columns.count == 2 && Set(columns).count == 1, "\(table.output)")

        let names = try #require(try json([root])["runs"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names.sorted() == ["r\\xE9s", sneaky].sorted())
    }
}
