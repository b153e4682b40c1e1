import Foundation
import Glibc
import Testing
import TestSupport
@testable import RunIngest

/// A log as a writer produces it, for the live tests: the file's bytes in the pieces the
/// writer appends them (cut inside records, so the follower meets half-written ones), and
/// what a restarted writer appends to the same file.
struct LiveLog: CustomTestStringConvertible, Sendable {
    var format: String
    /// The log file, relative to the watched root.
    var file: String
    /// Files the run needs beside its log (relative path → bytes), written first.
    var companions: [String: [UInt8]] = [:]
    var pieces: [[UInt8]]
    /// Appended by a writer that restarted from an earlier step into the same file; nil
    /// when the format never does that (W&B resumes into a new file).
    var restart: [[UInt8]]?

    var testDescription: String { format }
    var whole: [UInt8] { pieces.flatMap { $0 } }
}

/// A log rewritten whole at each save (HF `trainer_state.json`, Lightning `metrics.csv`).
struct RewrittenLog: CustomTestStringConvertible, Sendable {
    var format: String
    var file: String
    var companions: [String: [UInt8]] = [:]
    /// The file's successive contents; the last ones have fewer steps than the one before
    /// when `restartAt` says so (a resume from an earlier checkpoint).
    var saves: [[UInt8]]
    var testDescription: String { format }
}

/// What the writer does to files, always by plain POSIX calls as a training job would.
enum LogWriter {
    static func append(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        precondition(fd >= 0, "cannot open \(path)")
        bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// Open with O_TRUNC (same inode) and write `bytes`, as `open(path, "w")` does.
    static func truncateAndWrite(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0o644)
        precondition(fd >= 0, "cannot open \(path)")
        bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    static func writeFiles(_ files: [String: [UInt8]], under root: String) throws {
        for (relative, bytes) in files {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            truncateAndWrite(bytes, to: path)
        }
    }
}

extension StudyFollower {
    /// Let the follower see what was just written: with inotify, only through the kernel's
    /// events (as the dashboard does, which never polls then); polling, one tick.
    func settle() {
        guard let fd = wakeDescriptor else { poll(); return }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        var wait: Int32 = 1000
        while Glibc.poll(&p, 1, wait) > 0 {
            handleWake()
            wait = 30     // events of one write may straddle two reads
        }
    }

    /// Settle until `condition` holds or 2 s pass (inotify may deliver a write's events
    /// late on a loaded machine); the caller then checks the condition itself.
    func settle(until condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(2)
        settle()
        while !condition(), Date() < deadline {
            if wakeDescriptor == nil { poll() } else { settle() }
        }
    }
}

enum LiveOracle {
    /// The points a one-shot read of these files gives: the reference for the live follower.
    static func points(_ files: [String: [UInt8]]) throws -> [MetricPoint] {
        let root = NSTemporaryDirectory() + "scaletop-oracle-\(UUID().uuidString.prefix(8))"
        try LogWriter.writeFiles(files, under: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        return StudyFollower(root: root, mode: .polling(intervalSeconds: 1)).store.runs.first.map { Array($0.points) } ?? []
    }
}
