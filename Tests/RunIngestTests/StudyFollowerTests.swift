import Foundation
import Glibc
import Testing
import TestSupport
@testable import RunIngest

/// Live tests: a writer appends, truncates, rotates and deletes while the follower follows.
@Suite struct StudyFollowerTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "scaletop-follow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/190M-1xC", withIntermediateDirectories: true)
    }

    func append(_ text: String, to path: String) throws {
        let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)!
        }()
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    func line(_ step: Int, _ loss: Double) -> String { "{\"step\": \(step), \"loss\": \(loss)}\n" }

    /// Wait (up to 2 s) for the inotify descriptor to become readable, then handle it.
    func wake(_ follower: StudyFollower) {
        guard let fd = follower.wakeDescriptor else { follower.poll(); return }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = Glibc.poll(&p, 1, 2000)
        follower.handleWake()
    }

    @Test func followsAppendsAndAPartialLineWithInotify() throws {
        let file = root + "/190M-1xC/metrics.jsonl"
        try append(line(1, 5.0), to: file)
        try #"{"parameters": 190354176, "tokens_per_step": 524288}"#.write(toFile: root + "/190M-1xC/scaletop.json", atomically: true, encoding: .utf8)
        let follower = StudyFollower(root: root)
        #expect(follower.wakeDescriptor != nil)
        #expect(follower.store.runs.count == 1)
        #expect(follower.store.runs[0].name == "190M-1xC")
        #expect(follower.store.runs[0].points.count == 1)
        #expect(follower.store.runs[0].metadata.parameters == 190354176)

        try append("{\"step\": 2, \"lo", to: file)
        wake(follower)
        #expect(follower.store.runs[0].points.count == 1)
        try append("ss\": 4.0}\n", to: file)
        let started = Date()
        wake(follower)
        let lag = Date().timeIntervalSince(started)
        #expect(follower.store.runs[0].points.map(\.step) == [1, 2])
        #expect(lag < 0.5, "an appended line should arrive well inside 100 ms; took \(lag) s")
    }

    @Test func malformedLinesAreCountedWithFileAndLine() throws {
        let file = root + "/run.jsonl"
        try append(line(1, 3) + "garbage\n" + line(2, 2.5) + "{\"step\": 3, \"loss\": NaN}\n", to: file)
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        let issues = try #require(follower.store.issuesByFile["run.jsonl"])
        #expect(issues.count == 2)
        #expect(issues.first.line == 2)
        #expect(issues.first.description.hasPrefix("run.jsonl:2: not a JSON object"))
        #expect(follower.store.runs[0].points.map(\.step) == [1, 2])
    }

    /// The rule the dashboard and `scaletop runs` share: a run is what its files hold now.
    @Test func truncationRotationDeletionAndRecreationLoseNothingAndDuplicateNothing() throws {
        let file = root + "/run.jsonl"
        try append((1...5).map { line($0, 10 - Double($0)) }.joined(), to: file)
        let follower = StudyFollower(root: root)
        #expect(follower.store.runs[0].points.map(\.step) == [1, 2, 3, 4, 5])
        func agreesWithAFreshRead(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let fresh = try StudyFollower.load(root: root)
            #expect(fresh.runs.map(\.points) == follower.store.runs.map(\.points), sourceLocation: sourceLocation)
        }

        // A restarted writer truncates and writes from step 1 again.
        try (line(1, 9.5) + line(2, 8.5)).write(toFile: file, atomically: false, encoding: .utf8)
        wake(follower)
        follower.poll()
        #expect(follower.store.runs[0].points.map(\.step) == [1, 2])
        #expect(follower.store.runs[0].points[0].loss == 9.5)
        try agreesWithAFreshRead()

        // Rotation: the log is renamed to run.jsonl.1 and a new one continues the steps;
        // the copy is read first, as the run's earlier part.
        try FileManager.default.moveItem(atPath: file, toPath: file + ".1")
        try append(line(3, 7) + line(4, 6), to: file)
        wake(follower)
        follower.poll()
        #expect(follower.store.runs.count == 1)
        #expect(follower.store.runs[0].points.map(\.step) == [1, 2, 3, 4])
        try agreesWithAFreshRead()

        // Deletion keeps the points already read and says so, until the file comes back.
        try FileManager.default.removeItem(atPath: file)
        wake(follower)
        follower.poll()
        #expect(follower.store.runs[0].points.count == 4)
        #expect(follower.store.issuesByFile["run.jsonl"]?.latest.message.contains("deleted") == true)

        // Re-created: the run is read again from its files as they are now, and the
        // problem is gone.
        try append(line(5, 5.5), to: file)
        wake(follower)
        follower.poll()
        #expect(follower.store.runs[0].points.map(\.step) == [1, 2, 5])
        #expect(follower.store.issuesByFile["run.jsonl"] == nil)
        try agreesWithAFreshRead()

        // Renamed out of the study and started anew with later steps: the new file is the run.
        try FileManager.default.removeItem(atPath: file + ".1")
        try FileManager.default.moveItem(atPath: file, toPath: NSTemporaryDirectory() + "scaletop-gone-\(UUID().uuidString)")
        try append(line(6, 5) + line(7, 4.5), to: file)
        wake(follower)
        follower.poll()
        #expect(follower.store.runs[0].points.map(\.step) == [6, 7])
        try agreesWithAFreshRead()
    }

    @Test func newRunsAppearWhileWatching() throws {
        let follower = StudyFollower(root: root)
        #expect(follower.store.runs.isEmpty)
        try FileManager.default.createDirectory(atPath: root + "/new/deep", withIntermediateDirectories: true)
        wake(follower)
        try append(line(1, 4), to: root + "/new/deep/metrics.jsonl")
        wake(follower)
        follower.poll()
        #expect(follower.store.runs.map(\.name) == ["new/deep"])
        #expect(follower.store.runs.first?.points.count == 1)
    }

    @Test func neverWritesIntoTheWatchedFolder() throws {
        let file = root + "/run.jsonl"
        try append(line(1, 3), to: file)
        let before = try FileManager.default.subpathsOfDirectory(atPath: root).sorted()
        let modified = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        let follower = StudyFollower(root: root)
        follower.poll()
        _ = try StudyFollower.load(root: root)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root).sorted() == before)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date == modified)
    }
}

/// Every format's real sample, found and read by the follower the dashboard uses.
@Suite(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
struct StudyFollowerFormatsTests {
    @Test func findsEachFormatInTheRealLogs() throws {
        let root = SharedData.file("logs").path
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        let byFormat = Dictionary(grouping: follower.store.runs) { follower.format(ofRun: $0.id) ?? "?" }
        #expect(byFormat["HF Trainer"]?.count == 2)
        #expect(byFormat["Lightning"]?.count == 1)   // version_5 resumed version_0
        #expect(byFormat["MLflow"]?.count == 1)
        #expect(byFormat["W&B"]?.count == 1)
        #expect(byFormat["JSONL"]?.count == 1)
        #expect(byFormat["TensorBoard"]?.count == 2)
        let keras = try #require(follower.store.runs.first { $0.id == "tensorboard/keras-tf2-swahili-stt" })
        #expect(keras.points.map(\.step) == Array(0...9))
        let luojiu = try #require(follower.store.runs.first { $0.id == "hf_trainer/luojiu-7b-base" })
        let llamaFactory = try #require(follower.store.runs.first { $0.id.hasPrefix("jsonl/llamafactory") })
        #expect(luojiu.points.map(\.step) == llamaFactory.points.map(\.step))
        #expect(luojiu.points.map(\.loss) == llamaFactory.points.map(\.loss))
        let wandb = try #require(byFormat["W&B"]?.first)
        #expect(wandb.points.count == 400)
        #expect(wandb.metadata.parameters == 25_000_000)
        #expect(wandb.metadata.tokensPerStep == 65_536)
        #expect(follower.store.totalIssues == 0)
        // Where metadata came from is named relative to the folder, as the user gave it.
        let sources = follower.store.runs.flatMap { ($0.metadata.source ?? "").components(separatedBy: ", ") }
        #expect(sources.allSatisfy { !$0.hasPrefix("/") }, "\(sources)")
        // The Trainer's max_steps is the plan: 5,490 steps, of which 5,000 were logged (every
        // 500); its global_step says it got there, so the run finished.
        let cpt = try #require(follower.store.runs.first { $0.id == "hf_trainer/cpt-large-adgen" })
        #expect(cpt.metadata.plannedSteps == 5490)
        #expect(cpt.points.last?.step == 5000)
        #expect(cpt.isFinished)
    }

    /// A resumed TensorBoard job writes a second event file whose steps rewind: followed
    /// live, the run equals the two files read in order, whichever order they appear in.
    @Test func aResumedTensorBoardRunFollowsItsFilesInOrder() throws {
        let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/tensorboard/pytorch-new-style").path
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.contains("tfevents") }.sorted()
        try #require(files.count == 2)
        let root = NSTemporaryDirectory() + "scaletop-tb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        let expected = StudyFollower(root: SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/tensorboard").path,
                                     mode: .polling(intervalSeconds: 1)).store.runs.first { $0.id == "pytorch-new-style" }
        try FileManager.default.copyItem(atPath: fixtures + "/" + files[0], toPath: root + "/run/" + files[0])
        let follower = StudyFollower(root: root)
        let firstOnly = follower.store.runs.first?.points.count ?? 0
        try FileManager.default.copyItem(atPath: fixtures + "/" + files[1], toPath: root + "/run/" + files[1])
        var descriptor = pollfd(fd: try #require(follower.wakeDescriptor), events: Int16(POLLIN), revents: 0)
        _ = Glibc.poll(&descriptor, 1, 2000)
        follower.handleWake()
        let run = try #require(follower.store.runs.first)
        #expect(firstOnly > 0)
        #expect(run.points == expected?.points)
    }
}

/// MLflow's SQLite store, followed read-only as MLflow writes new rows.
@Suite struct StudyFollowerMLflowDatabaseTests {
    @Test(.enabled(if: (try? ProcessRunner.run([TestPython.command, "-c", "import sqlite3"]).status) == 0, "needs python3 with sqlite3 to write rows"))
    func followsNewRowsWithoutWritingAnything() throws {
        let root = NSTemporaryDirectory() + "scaletop-mlflowdb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let fixture = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/mlflow/mlflow.db").path
        try FileManager.default.copyItem(atPath: fixture, toPath: root + "/mlflow.db")
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        #expect(follower.store.runs.count == 2)
        #expect(follower.store.runs.allSatisfy { follower.format(ofRun: $0.id) == "MLflow (SQLite)" })
        let small = try #require(follower.store.runs.first { $0.name == "small" })
        #expect(small.points.count == 25)
        #expect(small.metadata.parameters != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["mlflow.db"], "opened read-only: no -wal, -shm or journal")

        // MLflow logs a new training-loss row for the "small" run.
        let script = """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        run = c.execute("select run_uuid from runs where name = 'small'").fetchone()[0]
        c.execute("insert into metrics (key, value, timestamp, run_uuid, step, is_nan) values ('train/loss', 6.5, 1700000099000, ?, 99, 0)", (run,))
        c.commit()
        """
        #expect(try ProcessRunner.run([TestPython.command, "-c", script, root + "/mlflow.db"]).status == 0)
        follower.poll()
        let grown = try #require(follower.store.runs.first { $0.name == "small" })
        #expect(grown.points.count == 26)
        #expect(grown.points.last?.step == 99)
        #expect(grown.points.last?.loss == 6.5)
    }
}


/// `Run.lastModified`: the newest file time seen at the last read, for live/stale marks.
@Suite struct StudyFollowerLastModifiedTests {
    func setModified(_ path: String, _ seconds: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
    }

    @Test func isTheNewestFileTimeAtEachRead() throws {
        let root = NSTemporaryDirectory() + "scaletop-mtime-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/tb", withIntermediateDirectories: true)
        let file = root + "/run.jsonl"
        try "{\"step\": 1, \"loss\": 3}\n".write(toFile: file, atomically: false, encoding: .utf8)
        try setModified(file, 1_700_000_000)
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        #expect(follower.store.run(id: "run.jsonl")?.lastModified == 1_700_000_000)

        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("{\"step\": 2, \"loss\": 2}\n".utf8))
        try handle.close()
        try setModified(file, 1_700_000_600.5)
        let before = follower.store.generation
        follower.poll()
        #expect(follower.store.run(id: "run.jsonl")?.lastModified == 1_700_000_600.5)
        #expect(follower.store.generation != before)

        // A run of several files takes the newest of them.
        let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/tensorboard/pytorch-new-style").path
        let events = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.contains("tfevents") }.sorted()
        for (i, name) in events.enumerated() {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: root + "/tb/" + name)
            try setModified(root + "/tb/" + name, 1_600_000_000 + Double(i))
        }
        let reloaded = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        #expect(reloaded.store.run(id: "tb")?.lastModified == 1_600_000_000 + Double(events.count - 1))
    }
}
