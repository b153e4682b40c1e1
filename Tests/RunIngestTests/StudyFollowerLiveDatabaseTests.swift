import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// MLflow's SQLite store followed live (inotify and polling) while MLflow writes rows,
/// restarts a run from an earlier step, and the database is replaced by a new file.
@Suite(.enabled(if: (try? ProcessRunner.run([TestPython.command, "-c", "import sqlite3"]).status) == 0, "needs python3 with sqlite3 to write rows"))
struct StudyFollowerLiveDatabaseTests {
    static let fixture = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/mlflow/mlflow.db").path

    /// Log `train/loss` rows for the run named `small`, as MLflow's SQL store does.
    func log(_ rows: [(step: Int, loss: Double)], into database: String) throws {
        let values = rows.map { "(\($0.step), \($0.loss))" }.joined(separator: ", ")
        let script = """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        run = c.execute("select run_uuid from runs where name = 'small'").fetchone()[0]
        for step, loss in [\(values)]:
            c.execute("insert into metrics (key, value, timestamp, run_uuid, step, is_nan) values ('train/loss', ?, ?, ?, ?, 0)",
                      (loss, 1700000000000 + step * 1000, run, step))
        c.commit()
        """
        let result = try ProcessRunner.run([TestPython.command, "-c", script, database])
        try #require(result.status == 0, "\(result.output)")
    }

    func oneShot(_ database: String) throws -> [String: [MetricPoint]] {
        let root = NSTemporaryDirectory() + "scaletop-dboracle-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: database, toPath: root + "/mlflow.db")
        let store = StudyFollower(root: root, mode: .polling(intervalSeconds: 1)).store
        return Dictionary(uniqueKeysWithValues: store.runs.map { ($0.id, Array($0.points)) })
    }

    func points(_ follower: StudyFollower) -> [String: [MetricPoint]] {
        Dictionary(uniqueKeysWithValues: follower.store.runs.map { ($0.id, Array($0.points)) })
    }

    @Test(arguments: [StudyFollower.Mode.inotify, .polling(intervalSeconds: 1)])
    func rowsRestartsAndAReplacedDatabase(mode: StudyFollower.Mode) throws {
        let root = NSTemporaryDirectory() + "scaletop-livedb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let database = root + "/mlflow.db"
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: database)
        let follower = StudyFollower(root: root, mode: mode)
        #expect(points(follower) == (try oneShot(database)))

        // New rows, then a restart from step 10 that logs steps 10… again.
        try log((100..<110).map { ($0, 6 - Double($0) / 100) }, into: database)
        var want = try oneShot(database)
        follower.settle { points(follower) == want }
        #expect(points(follower) == want, "\(mode): new rows")
        try log((10..<13).map { ($0, 7 - Double($0) / 100) }, into: database)
        want = try oneShot(database)
        follower.settle { points(follower) == want }
        #expect(want.values.contains { $0.last?.step == 12 }, "the restart rewound the run")
        #expect(points(follower) == want, "\(mode): restart")

        // The database replaced by another file (a restored backup): read from its start.
        try FileManager.default.removeItem(atPath: database)
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: database)
        want = try oneShot(database)
        follower.settle { points(follower) == want }
        #expect(points(follower) == want, "\(mode): replaced")
    }
}

/// A database caught while MLflow creates it is a problem only until it can be read.
@Suite struct DatabaseBeingCreatedTests {
    @Test(arguments: [StudyFollower.Mode.inotify, .polling(intervalSeconds: 1)])
    func theProblemClearsOnceTheDatabaseReads(mode: StudyFollower.Mode) throws {
        let root = NSTemporaryDirectory() + "scaletop-newdb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let database = root + "/mlflow.db"
        // First an SQLite file without MLflow's tables yet, then the tables and rows.
        LogWriter.truncateAndWrite([], to: database)
        let follower = StudyFollower(root: root, mode: mode)
        follower.settle()
        #expect(follower.store.runs.isEmpty)
        let fixture = try [UInt8](Data(contentsOf: URL(fileURLWithPath: StudyFollowerLiveDatabaseTests.fixture)))
        LogWriter.truncateAndWrite(Array(fixture.prefix(4096)), to: database)
        follower.settle { follower.store.totalIssues > 0 }
        #expect(follower.store.issuesByFile["mlflow.db"] != nil, "\(mode): a half-made database is named")
        LogWriter.truncateAndWrite(fixture, to: database)
        // What remains are the database's own problems (a NaN loss row), as a fresh read has.
        let fresh = try StudyFollower.load(root: root)
        follower.settle { follower.store.runs.count == 2 && follower.store.issues == fresh.issues }
        #expect(follower.store.runs.count == 2, "\(mode)")
        #expect(follower.store.issues == fresh.issues, "\(mode): \(follower.store.issues.map(\.first.description))")
        #expect(!follower.store.issues.contains { $0.first.message.contains("tracking") || $0.first.message.contains("malformed") })
    }
}

/// Issue #12: a database MLflow is migrating ("no such column: step" while its schema
/// changes) fails to read as a whole: a standing problem of the file that goes once it
/// reads, while a row's problem (the fixture's NaN loss) stays counted.
@Suite(.enabled(if: (try? ProcessRunner.run([TestPython.command, "-c", "import sqlite3"]).status) == 0, "needs python3 with sqlite3 to change the schema"))
struct DatabaseBeingMigratedTests {
    func renameColumn(_ from: String, to: String, in database: String) throws {
        let script = """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.execute(f"alter table metrics rename column {sys.argv[2]} to {sys.argv[3]}")
        c.commit()
        """
        let result = try ProcessRunner.run([TestPython.command, "-c", script, database, from, to])
        try #require(result.status == 0, "\(result.output)")
    }

    @Test(arguments: [StudyFollower.Mode.inotify, .polling(intervalSeconds: 1)])
    func aFailedReadStandsUntilTheDatabaseReads(mode: StudyFollower.Mode) throws {
        let root = NSTemporaryDirectory() + "scaletop-migrating-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let database = root + "/mlflow.db"
        try FileManager.default.copyItem(atPath: StudyFollowerLiveDatabaseTests.fixture, toPath: database)
        let complete = try StudyFollower.load(root: root)
        #expect(complete.issues.contains { $0.first.message.contains("NaN") || $0.first.message.contains("nan") },
                "the fixture's NaN row is a counted problem: \(complete.issues.map(\.first.description))")
        try renameColumn("step", to: "step_being_migrated", in: database)

        let follower = StudyFollower(root: root, mode: mode)
        follower.settle { follower.store.issuesByFile["mlflow.db"] != nil }
        let failing = try #require(follower.store.issuesByFile["mlflow.db"], "\(mode)")
        #expect(failing.first.message.contains("no such column"), "\(failing.first.message)")

        // Read again and again while it fails: one standing problem, not a growing count.
        for _ in 0..<3 { follower.readEverything() }
        #expect(follower.store.issuesByFile["mlflow.db"]?.count == 1, "\(mode)")

        try renameColumn("step_being_migrated", to: "step", in: database)
        follower.settle { follower.store.issues == complete.issues }
        #expect(follower.store.issues == complete.issues, "\(mode): \(follower.store.issues.map(\.first.description))")
        #expect(!follower.store.issues.contains { $0.first.message.contains("no such column") }, "\(mode)")
        #expect(follower.store.runs.count == complete.runs.count)
    }
}
