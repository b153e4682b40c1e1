import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// Issue #12: a tensorboardX `add_hparams` session folder is its run's metadata whichever
/// the live follower sees first, the run's own events or the session (then it stops being
/// listed once the run's events appear), and even while the session file holds only the
/// file-version record every writer puts first. The files are
/// written by the real tensorboardX into a staging folder, then laid into the watched folder
/// piece by piece in each order.
@Suite(.enabled(if: TestPython.canImport("tensorboardX"), "needs tensorboardX (make test installs it into .venv)"))
struct TensorBoardSessionOrderTests {
    /// The run's events file and its session folder's, as tensorboardX wrote them.
    struct Written {
        var runFile: (name: String, bytes: [UInt8])
        var session: (folder: String, name: String, bytes: [UInt8])
    }

    static func write() throws -> Written {
        let staging = NSTemporaryDirectory() + "scaletop-tbstage-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let script = """
        import sys
        from tensorboardX import SummaryWriter
        with SummaryWriter(logdir=sys.argv[1]) as w:
            w.add_hparams({"n_params": 20000000, "batch_size": 16, "seq_len": 256, "max_steps": 40, "lr": 1e-3},
                          {"hparam/final_loss": 0.0})
            for step in range(20):
                w.add_scalar("train/loss", 5.0 - 0.05 * step, step)
        """
        let result = try ProcessRunner.run([TestPython.command, "-c", script, staging + "/run"])
        try #require(result.status == 0, "\(result.output)")
        let entries = RunDiscovery.entries(of: staging + "/run")
        let runName = try #require(entries.files.first { TensorBoardEventFiles.isEventFile(name: $0) })
        let folder = try #require(entries.folders.first)
        let sessionName = try #require(RunDiscovery.entries(of: staging + "/run/" + folder).files.first)
        func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
        return Written(runFile: (runName, try bytes(staging + "/run/" + runName)),
                       session: (folder, sessionName, try bytes(staging + "/run/" + folder + "/" + sessionName)))
    }

    /// The first `count` TFRecords of an events file (the first is the file-version event).
    static func firstRecords(_ bytes: [UInt8], _ count: Int = 1) -> [UInt8] {
        var end = 0
        for _ in 0..<count where end + 8 <= bytes.count {
            let length = bytes[end..<(end + 8)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            end = min(bytes.count, end + 12 + length + 4)
        }
        return Array(bytes.prefix(end))
    }

    @Test func aFileVersionRecordAloneDecidesNothing() throws {
        let written = try Self.write()
        #expect(TensorBoardHParamsSession.verdict(firstBytes: [Self.firstRecords(written.session.bytes)]) == .undecided)
        // The experiment summary before the session start is already a session.
        #expect(TensorBoardHParamsSession.verdict(firstBytes: [Self.firstRecords(written.session.bytes, 2)]) == .session)
        #expect(TensorBoardHParamsSession.verdict(firstBytes: [written.session.bytes]) == .session)
        #expect(TensorBoardHParamsSession.verdict(firstBytes: [written.runFile.bytes]) == .run)
    }

    @Test(arguments: [true, false])
    func theSessionIsNeverARunWhicheverComesFirst(sessionFirst: Bool) throws {
        let written = try Self.write()
        let root = NSTemporaryDirectory() + "scaletop-tborder-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let follower = StudyFollower(root: root, mode: .inotify)
        let runFolder = root + "/tb/run-c"
        let sessionFolder = runFolder + "/" + written.session.folder
        let sessionFile = sessionFolder + "/" + written.session.name

        func writeSession() throws {
            try FileManager.default.createDirectory(atPath: sessionFolder, withIntermediateDirectories: true)
            // As the follower may meet it: the file-version record first, then the session.
            let first = Self.firstRecords(written.session.bytes)
            LogWriter.append(first, to: sessionFile)
            follower.settle()
            if !sessionFirst {
                #expect(!follower.store.runs.contains { $0.id.contains(written.session.folder) },
                        "a session holding only its file-version record was listed as a run")
            }
            LogWriter.append(Array(written.session.bytes.dropFirst(first.count)), to: sessionFile)
            follower.settle()
        }
        func writeRun() throws {
            try FileManager.default.createDirectory(atPath: runFolder, withIntermediateDirectories: true)
            LogWriter.append(written.runFile.bytes, to: runFolder + "/" + written.runFile.name)
            follower.settle { follower.store.runs.first?.points.count == 20 }
        }
        if sessionFirst {
            // Alone, the folder cannot be told from a run that has logged only its hparams
            // (Lightning writes exactly that into a run's own file): it may be listed until
            // the run's events show whose session it is.
            try writeSession()
            #expect(follower.store.runs.count <= 1)
            try writeRun()
        } else {
            try writeRun()
            try writeSession()
        }
        follower.settle { follower.store.runs.first?.metadata.plannedSteps == 40 }
        #expect(follower.store.runs.map(\.id) == ["tb/run-c"], "sessionFirst \(sessionFirst)")
        let run = try #require(follower.store.runs.first)
        #expect(run.points.count == 20)
        #expect(run.metadata.plannedSteps == 40, "the session is the run's metadata")
        #expect(run.metadata.tokensPerStep == 4096)
        // A fresh read of the same folder agrees.
        #expect(try StudyFollower.load(root: root).runs.map(\.id) == ["tb/run-c"])
    }
}
