import Foundation
import Glibc
import Testing
import TestSupport
@testable import RunIngest

/// File names are bytes: a folder whose name is not UTF-8 is found, read and named with its
/// bytes escaped, and every name of bytes survives the trip to a string and back.
@Suite struct FileNameTests {
    @Test(arguments: [
        [0x72, 0x75, 0x6E],                         // "run"
        [0x72, 0xE9, 0x73],                         // Latin-1 "rés"
        [0xC3, 0xA9, 0xFF, 0x80, 0xC3],             // é, stray bytes, a sequence cut short
        [0xED, 0xA0, 0x80],                         // a UTF-16 surrogate in UTF-8 (invalid)
        [0xC0, 0xAF],                               // an overlong "/"
        [0xF4, 0x8F, 0xBC, 0x81],                   // U+10FF01 itself, the escapes' own range
        [0xF4, 0x90, 0x80, 0x80],                   // above U+10FFFF
    ] as [[UInt8]])
    func bytesSurviveTheRoundTrip(bytes: [UInt8]) {
        let name = RawFileName.string(fromBytes: bytes)
        #expect(RawFileName.bytes(of: name) == bytes)
        if String(validating: bytes, as: UTF8.self) == nil || bytes.first == 0xF4 {
            #expect(RawFileName.display(name).contains("\\x"))
        } else {
            #expect(name == String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func displayEscapesOnlyTheBadBytes() {
        #expect(RawFileName.display(RawFileName.string(fromBytes: [0x72, 0xE9, 0x73])) == "r\\xE9s")
        #expect(RawFileName.display("plain/run-1") == "plain/run-1")
    }

    @Test func aRunInAFolderWhoseNameIsNotUTF8IsFoundAndRead() throws {
        let root = NSTemporaryDirectory() + "scaletop-bytes-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // mkdir with raw bytes: Foundation would re-encode the name.
        var folder = Array((root + "/").utf8) + [0x72, 0xE9, 0x73]
        folder.append(0)
        #expect(folder.withUnsafeBufferPointer { mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o755) } == 0)
        let path = RawFileName.string(fromBytes: folder.dropLast()) + "/metrics.jsonl"
        let fd = RawFileName.withCPath(path) { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        let line = Array("{\"step\": 1, \"loss\": 3.5}\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let store = try StudyFollower.load(root: root)
        #expect(store.runs.count == 1)
        #expect(store.runs.first.map { RawFileName.display($0.name) } == "r\\xE9s")
        #expect(store.runs.first?.points.count == 1)
        #expect(store.totalIssues == 0)
    }
}

/// Rotated copies of a log are found and ordered oldest first.
@Suite struct RotatedLogsTests {
    @Test func numberedAndDatedCopiesGroupWithTheirLog() {
        let names = ["metrics.jsonl", "metrics.jsonl.2", "metrics.jsonl.1", "other.jsonl", "train.log.2026-12-01",
                     "train.log", "train.log-20261130", "notes.txt", "metrics.jsonl.gz"]
        let groups = RotatedLogs.groups(names) { $0.hasSuffix(".jsonl") || $0.hasSuffix(".log") }
        #expect(groups == [
            RotatedLogs.Group(name: "metrics.jsonl", parts: ["metrics.jsonl.2", "metrics.jsonl.1", "metrics.jsonl"]),
            RotatedLogs.Group(name: "other.jsonl", parts: ["other.jsonl"]),
            RotatedLogs.Group(name: "train.log", parts: ["train.log-20261130", "train.log.2026-12-01", "train.log"]),
        ])
    }

    @Test func aLogBetweenRenameAndCreateIsStillItsRun() {
        #expect(RotatedLogs.groups(["run.jsonl.1"]) { $0.hasSuffix(".jsonl") }
                == [RotatedLogs.Group(name: "run.jsonl", parts: ["run.jsonl.1"])])
    }

    @Test func aLoggedFileThatOnlyLooksNumberedIsNotACopy() {
        // "run.v2.jsonl" is a log of its own; ".12345" is too long to be a rotation number.
        #expect(RotatedLogs.rotation(of: "run.v2.jsonl") == nil)
        #expect(RotatedLogs.rotation(of: "metrics.jsonl.12345") == nil)
        #expect(RotatedLogs.rotation(of: "metrics.jsonl.0") == nil)
    }
}
