import CSQLite
import Foundation
import Testing
import TestSupport
@testable import RunIngest

@Suite struct MLflowMetricFileTests {
    let parser = MLflowMetricFileParser(key: "train/loss")

    @Test func readsTimestampValueStepLines() {
        let text = """
        1628697792090 332.6841735839844 0
        1700000001000 9.71809211629783 1 eval_ds 1a2b3c
        1700000002000 1e-05
        \r
        1700000003000 2.5 3\r

        """
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.problems.isEmpty)
        #expect(outcome.points.map(\.record) == [1, 2, 3, 5])
        #expect(outcome.points.map(\.point) == [
            MetricPoint(step: 0, loss: 332.6841735839844, wallTime: 1_628_697_792.09),
            MetricPoint(step: 1, loss: 9.71809211629783, wallTime: 1_700_000_001),
            MetricPoint(step: 0, loss: 1e-05, wallTime: 1_700_000_002),   // legacy two-field line: step 0
            MetricPoint(step: 3, loss: 2.5, wallTime: 1_700_000_003),
        ])
        #expect(outcome.consumedRecords == 5)
        #expect(outcome.consumedBytes == text.utf8.count)
    }

    @Test func nanAndGarbageAreProblemsAndTheRestLoads() {
        let text = "1 nan 13\n2 inf 14\n3 -inf 15\nhello\n4 x 16\n5 1.5 -2\n6 2.0 17\n"
        let outcome = parser.parse(Array(text.utf8), firstRecord: 20)
        #expect(outcome.problems.map(\.record) == [20, 21, 22, 23, 24, 25])
        #expect(outcome.problems[0].message == "train/loss is NaN at step 13")
        #expect(outcome.problems[1].message == "train/loss is infinite at step 14")
        #expect(outcome.points.map(\.record) == [26])
        #expect(outcome.points.first?.point == MetricPoint(step: 17, loss: 2.0, wallTime: 0.006))
    }

    @Test func aHalfWrittenLineWaits() {
        let outcome = parser.parse(Array("1700000000000 3.5 0\n1700000001000 3.4".utf8))
        #expect(outcome.points.count == 1)
        #expect(outcome.consumedBytes == 20)
        #expect(outcome.consumedRecords == 1)
    }
}

@Suite struct MLflowFileStoreTests {
    static let fixtureStore = PythonReferenceScript.fixtures.appendingPathComponent("mlflow/mlruns")
    static let sharedStore = SharedData.file("logs/mlflow/swahili-stt/mlruns")

    static func runFolders(_ store: URL) -> [String] {
        let experiments = (try? FileManager.default.contentsOfDirectory(atPath: store.path)) ?? []
        return experiments.sorted().flatMap { experiment in
            let folder = store.path + "/" + experiment
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
                .map { folder + "/" + $0 }
                .filter { MLflowRunFolder.isRunFolder(atPath: $0) }
        }
    }

    @Test func tellsRunFoldersFromOtherFolders() {
        let runs = Self.runFolders(Self.fixtureStore)
        #expect(runs.count == 2)
        let experiment = (runs.first! as NSString).deletingLastPathComponent
        #expect(!MLflowRunFolder.isRunFolder(atPath: experiment))
        #expect(!MLflowRunFolder.isRunFolder(atPath: Self.fixtureStore.path))
        #expect(!MLflowRunFolder.isRunFolder(atPath: runs.first! + "/metrics"))
        #expect(MLflowRunFolder.isRunFolder("mlruns/1/abc", entries: ["meta.yaml", "metrics", "params"]))
        #expect(!MLflowRunFolder.isRunFolder("mlruns/.trash/abc", entries: ["meta.yaml", "metrics"]))
        #expect(!MLflowRunFolder.isRunFolder("mlruns/1/models/m-1", entries: ["meta.yaml", "metrics"]))
        #expect(!MLflowRunFolder.isRunFolder("mlruns/1", entries: ["meta.yaml", "abc"]))
    }

    @Test func fixtureRunsHaveTheirCurvesAndMetadata() throws {
        for run in Self.runFolders(Self.fixtureStore) {
            let files = MLflowRunFolder.metricFiles(inRun: run)
            #expect(Set(files.keys) == ["train/loss", "val/loss", "lr", "tokens"])
            let lossKey = try #require(MLflowRunFolder.lossKey(among: files.keys, columns: MetricColumns.standard))
            #expect(lossKey == "train/loss")   // .standard prefers the training loss; a study picks its order
            var validationFirst = MetricColumns.standard
            validationFirst.loss = ["val/loss", "train/loss"]
            #expect(MLflowRunFolder.lossKey(among: files.keys, columns: validationFirst) == "val/loss")

            func series(_ key: String) throws -> ParseOutcome {
                MLflowMetricFileParser(key: key).parse(Array(try Data(contentsOf: URL(fileURLWithPath: files[key]!))))
            }
            let loss = try series("train/loss")
            let points = MLflowRunFolder.points(loss: loss.points.map(\.point),
                                                learningRate: try series("lr").points.map(\.point),
                                                tokens: try series("tokens").points.map(\.point))
            let info = try MLflowRunFolder.runInfo(metaYAML: Array(try Data(contentsOf: URL(fileURLWithPath: run + "/meta.yaml"))))
            #expect(info.status == "FINISHED")
            #expect(info.runID == (run as NSString).lastPathComponent)
            var params: [String: [UInt8]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: run + "/params") {
                params[run + "/params/" + name] = Array(try Data(contentsOf: URL(fileURLWithPath: run + "/params/" + name)))
            }
            let metadata = MLflowRunFolder.metadata(files: params, runFolder: run)
            switch info.name {
            case "tiny":
                #expect(points.map(\.step) == Array(0..<13) + Array(14..<30))
                #expect(loss.problems.map(\.message) == ["train/loss is NaN at step 13"])
                #expect(loss.problems.map(\.record) == [14])
                #expect(metadata.parameters == 1_000_000)
                #expect(metadata.tokensPerStep == 1024)
            case "small":
                #expect(points.map(\.step) == Array(0..<25))
                #expect(loss.problems.isEmpty)
                #expect(metadata.parameters == 4_000_000)
                #expect(metadata.tokensPerStep == 4096)
                #expect(points[3].tokens == 12_288.0)
            default:
                Issue.record("unexpected run \(String(describing: info.name))")
            }
            #expect(points.allSatisfy { $0.learningRate != nil && $0.tokens != nil && $0.wallTime != nil })
            #expect(points.first?.learningRate == 1e-4)
            #expect(metadata.hyperparameters["lr"] == "0.001")
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func sharedKerasAutologRun() throws {
        let runs = Self.runFolders(Self.sharedStore)
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let info = try MLflowRunFolder.runInfo(metaYAML: Array(try Data(contentsOf: URL(fileURLWithPath: run + "/meta.yaml"))))
        #expect(info.status == "FINISHED" && info.name == nil && info.runID == "ed05f9cd599442fe9a0c9222184710b8")
        let files = MLflowRunFolder.metricFiles(inRun: run)
        #expect(MLflowRunFolder.lossKey(among: files.keys) == "loss")
        let outcome = MLflowMetricFileParser(key: "loss").parse(Array(try Data(contentsOf: URL(fileURLWithPath: files["loss"]!))))
        #expect(outcome.points.map(\.point.step) == Array(0..<10))
        #expect(outcome.points.first?.point.loss == 332.6841735839844)
    }

    @Test(arguments: [21, 22, 23])
    func randomSplitsGiveTheWholeParse(seed: UInt64) throws {
        var stores = [Self.fixtureStore]
        if SharedData.isAvailable { stores.append(Self.sharedStore) }
        for run in stores.flatMap(Self.runFolders) {
            for (key, path) in MLflowRunFolder.metricFiles(inRun: run) {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                var parser = MLflowMetricFileParser(key: key)
                let whole = parser.parse(bytes)
                let grown = parseGrowing(&parser, bytes, cuts: randomCuts(length: bytes.count, count: 40, seed: seed))
                #expect(grown.points.map(\.record) == whole.points.map(\.record))
                #expect(grown.points.map(\.point) == whole.points.map(\.point))
                #expect(grown.problems.map(\.record) == whole.problems.map(\.record))
                #expect(grown.consumedBytes == bytes.count)
            }
        }
    }

    /// Each metric file against MLflow's own `get_metric_history`, value for value; the
    /// values MLflow holds as NaN are the lines the parser reports.
    static func compareWithMLflow(_ store: URL) throws {
        let reference = try PythonReferenceScript.run(PythonReferenceScript.mlflow, [store.path])
        let runs = reference["runs"] as? [[String: Any]] ?? []
        let folders = runFolders(store)
        #expect(runs.count == folders.count)
        for want in runs {
            let id = try #require(want["run_id"] as? String)
            let run = try #require(folders.first { $0.hasSuffix("/" + id) })
            let info = try MLflowRunFolder.runInfo(metaYAML: Array(try Data(contentsOf: URL(fileURLWithPath: run + "/meta.yaml"))))
            #expect(info.status == want["status"] as? String)
            #expect(info.name == want["name"] as? String)
            let params = want["params"] as? [String: String] ?? [:]
            let metadata = MLflowRunFolder.metadata(params: params, source: nil)
            #expect(metadata.parameters == params["n_params"].flatMap(Double.init))
            let files = MLflowRunFolder.metricFiles(inRun: run)
            let metrics = want["metrics"] as? [String: [[Any]]] ?? [:]
            #expect(Set(files.keys) == Set(metrics.keys))
            for (key, history) in metrics {
                let outcome = MLflowMetricFileParser(key: key).parse(Array(try Data(contentsOf: URL(fileURLWithPath: files[key]!))))
                let finite = history.filter { PythonReferenceScript.double($0[1])?.isFinite == true }
                #expect(outcome.points.count == finite.count, "\(key)")
                #expect(outcome.problems.count == history.count - finite.count, "\(key)")
                for (got, row) in zip(outcome.points.map(\.point), finite) {
                    #expect(got.wallTime == (row[0] as? NSNumber).map { $0.doubleValue / 1000 })
                    #expect(got.loss == PythonReferenceScript.double(row[1]))
                    #expect(got.step == (row[2] as? NSNumber)?.intValue)
                }
            }
        }
    }

    @Test(.enabled(if: PythonReferenceScript.hasMLflow, "needs python3 with mlflow (pip install mlflow)"))
    func fixtureStoreMatchesMLflow() throws {
        try Self.compareWithMLflow(Self.fixtureStore)
    }

    @Test(.enabled(if: PythonReferenceScript.hasMLflow && SharedData.isAvailable, "needs ../shared/data and python3 with mlflow"))
    func sharedStoreMatchesMLflow() throws {
        try Self.compareWithMLflow(Self.sharedStore)
    }
}

@Suite struct MLflowSQLiteStoreTests {
    static let fixture = PythonReferenceScript.fixtures.appendingPathComponent("mlflow/mlflow.db")

    /// A private copy of the fixture database in a fresh folder (tests may write to it).
    static func copy() throws -> (folder: URL, db: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-mlflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("mlflow.db")
        try FileManager.default.copyItem(at: fixture, to: db)
        return (folder, db)
    }

    /// A copy of the fixture read once, and the id of its run "small" (the tests that add rows).
    static func readOnce() throws -> (folder: URL, db: URL, store: MLflowSQLiteStore, small: String) {
        let (folder, db) = try copy()
        let store = try MLflowSQLiteStore(path: db.path, columns: trainFirst)
        let first = store.readNew()
        let small = try #require(first.runs.first { $0.value.name == "small" }?.key)
        return (folder, db, store, small)
    }

    /// A read-write connection, for the tests that play MLflow's part.
    static func execute(_ path: String, _ sql: String) {
        var db: OpaquePointer?
        sqlite3_open(path, &db)
        defer { sqlite3_close(db) }
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &error)
        if rc != SQLITE_OK { Issue.record("sqlite3_exec failed: \(error.map { String(cString: $0) } ?? "")") }
    }

    static var trainFirst: MetricColumns {
        var c = MetricColumns.standard
        c.loss = ["train/loss", "loss"]
        return c
    }

    @Test func detectsTheDatabaseByName() {
        #expect(MLflowSQLiteStore.isTrackingDatabase("/runs/mlflow.db"))
        #expect(!MLflowSQLiteStore.isTrackingDatabase("/runs/other.db"))
        #expect(!MLflowSQLiteStore.isTrackingDatabase("/runs/mlflow.db-journal"))
    }

    @Test func readsEveryRunOnceAndNeverWrites() throws {
        let (folder, db) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: db)
        let store = try MLflowSQLiteStore(path: db.path, columns: Self.trainFirst)
        let update = store.readNew()
        #expect(update.problems.map(\.message) == ["train/loss is NaN at step 13"])
        #expect(Set(update.runs.values.compactMap(\.name)) == ["tiny", "small"])
        #expect(update.runs.values.allSatisfy { $0.status == "FINISHED" })
        for (id, info) in update.runs {
            let points = update.points[id] ?? []
            let metadata = try #require(update.metadata[id])
            if info.name == "tiny" {
                #expect(points.map(\.step) == Array(0..<13) + Array(14..<30))
                #expect(metadata.parameters == 1_000_000 && metadata.tokensPerStep == 1024)
            } else {
                #expect(points.map(\.step) == Array(0..<25))
                #expect(metadata.parameters == 4_000_000 && metadata.tokensPerStep == 4096)
            }
            #expect(points.allSatisfy { $0.learningRate != nil && $0.tokens != nil })
            #expect(points.first?.wallTime == 1_700_000_000)
        }
        let again = store.readNew()
        #expect(again.points.isEmpty && again.metadata.isEmpty && again.runs.isEmpty && again.problems.isEmpty)
        #expect(try Data(contentsOf: db) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mlflow.db"])
    }

    @Test func returnsOnlyRowsAddedSinceTheLastRead() throws {
        let (folder, db, store, small) = try Self.readOnce()
        defer { try? FileManager.default.removeItem(at: folder) }
        Self.execute(db.path, """
            INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES
              ('lr', 0.001, 1700000025000, '\(small)', 25, 0),
              ('train/loss', 3.25, 1700000025000, '\(small)', 25, 0),
              ('tokens', 102400, 1700000025000, '\(small)', 25, 0),
              ('train/loss', 3.5, 1700000026000, '\(small)', 26, 0);
            UPDATE runs SET status = 'RUNNING' WHERE run_uuid = '\(small)';
            """)
        let second = store.readNew()
        #expect(second.points.keys.sorted() == [small])
        #expect(second.points[small] == [
            MetricPoint(step: 25, tokens: 102_400, loss: 3.25, learningRate: 0.001, wallTime: 1_700_000_025),
            MetricPoint(step: 26, loss: 3.5, wallTime: 1_700_000_026),
        ])
        #expect(second.runs.keys.sorted() == [small])
        #expect(second.runs[small]?.status == "RUNNING")
        // The status changed, so the run's metadata comes again: running, no end.
        #expect(second.metadata.keys.sorted() == [small])
        #expect(second.metadata[small]?.end == nil)
        #expect(second.metadata[small]?.runName == "small")
        #expect(second.metadata[small]?.parameters == 4_000_000)
        #expect(second.problems.isEmpty)
    }

    /// A tokens or learning-rate row MLflow stored as NaN (or infinite) is a problem of its
    /// run, and the loss at that step is kept without it; an infinite loss is a problem.
    @Test func aNonFiniteTokensRowIsSaidAndTheLossKept() throws {
        let (folder, db, store, small) = try Self.readOnce()
        defer { try? FileManager.default.removeItem(at: folder) }
        Self.execute(db.path, """
            INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES
              ('lr', 0.001, 1700000025000, '\(small)', 25, 0),
              ('train/loss', 3.25, 1700000025000, '\(small)', 25, 0),
              ('tokens', 0, 1700000025000, '\(small)', 25, 1),
              ('lr', 1.7976931348623157e308, 1700000026000, '\(small)', 26, 0),
              ('train/loss', 3.2, 1700000026000, '\(small)', 26, 0),
              ('train/loss', -1.7976931348623157e308, 1700000027000, '\(small)', 27, 0);
            """)
        let second = store.readNew()
        // MLflow stores ±infinity as ±the largest double: read as infinite, not as a number.
        #expect(second.points[small] == [MetricPoint(step: 25, loss: 3.25, learningRate: 0.001, wallTime: 1_700_000_025),
                                         MetricPoint(step: 26, loss: 3.2, wallTime: 1_700_000_026)])
        #expect(second.problems.map(\.message) == ["tokens is NaN at step 25 (left out)", "lr is infinite at step 26 (left out)",
                                                   "train/loss is infinite at step 27"])
        #expect(second.problems.map(\.runID) == [small, small, small])
    }

    @Test func aLockedDatabaseIsRetriedLaterWithoutLosingRows() throws {
        let (folder, db) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try MLflowSQLiteStore(path: db.path, columns: Self.trainFirst)
        var writer: OpaquePointer?
        sqlite3_open(db.path, &writer)
        defer { sqlite3_close(writer) }
        sqlite3_exec(writer, "BEGIN EXCLUSIVE", nil, nil, nil)
        let blocked = store.readNew()
        #expect(blocked.points.isEmpty)
        #expect(blocked.problems.count == 1)
        #expect(blocked.problems.first?.retryLater == true)
        #expect(blocked.problems.first?.message.contains("busy") == true)
        sqlite3_exec(writer, "COMMIT", nil, nil, nil)
        let later = store.readNew()
        #expect(later.points.values.reduce(0) { $0 + $1.count } == 29 + 25)
    }

    @Test func walModeDatabaseIsReadWithoutCreatingFiles() throws {
        let (folder, db) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        Self.execute(db.path, "PRAGMA journal_mode=WAL;")   // persistent; the -wal goes when the writer closes
        #expect(MLflowSQLiteStore.isWALMode(path: db.path))
        let store = try MLflowSQLiteStore(path: db.path, columns: Self.trainFirst)
        let update = store.readNew()
        #expect(update.points.values.reduce(0) { $0 + $1.count } == 29 + 25)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mlflow.db"])
    }

    @Test func clearErrorsForWhatIsNotAStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-mlflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("mlflow.db")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: text)
        #expect {
            try MLflowSQLiteStore(path: text.path)
        } throws: { ($0 as? MLflowSQLiteStore.Failure)?.kind == .notADatabase }

        let empty = folder.appendingPathComponent("empty.db")
        Self.execute(empty.path, "CREATE TABLE runs (run_uuid TEXT); CREATE TABLE metrics (key TEXT);")
        #expect {
            try MLflowSQLiteStore(path: empty.path)
        } throws: { error in
            guard let failure = error as? MLflowSQLiteStore.Failure else { return false }
            return failure.kind == .missingTable && failure.description.contains("params, tags, experiments")
        }

        #expect {
            try MLflowSQLiteStore(path: folder.appendingPathComponent("absent.db").path)
        } throws: { ($0 as? MLflowSQLiteStore.Failure)?.kind == .cannotOpen }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("absent.db").path))
    }

    @Test(.enabled(if: PythonReferenceScript.hasMLflow, "needs python3 with mlflow (pip install mlflow)"))
    func matchesMLflow() throws {
        let reference = try PythonReferenceScript.run(PythonReferenceScript.mlflow, [Self.fixture.path])
        let (folder, db) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let update = try MLflowSQLiteStore(path: db.path, columns: Self.trainFirst).readNew()
        let runs = reference["runs"] as? [[String: Any]] ?? []
        #expect(runs.count == update.runs.count)
        for want in runs {
            let id = try #require(want["run_id"] as? String)
            #expect(update.runs[id]?.name == want["name"] as? String)
            #expect(update.runs[id]?.status == want["status"] as? String)
            let params = want["params"] as? [String: String] ?? [:]
            #expect(update.metadata[id]?.parameters == params["n_params"].flatMap(Double.init))
            let metrics = want["metrics"] as? [String: [[Any]]] ?? [:]
            func byStep(_ key: String) -> [Int: Double] {
                Dictionary((metrics[key] ?? []).map { (($0[2] as? NSNumber)?.intValue ?? -1, PythonReferenceScript.double($0[1]) ?? .nan) },
                           uniquingKeysWith: { _, last in last })
            }
            let loss = (metrics["train/loss"] ?? []).filter { PythonReferenceScript.double($0[1])?.isFinite == true }
            let points = update.points[id] ?? []
            #expect(points.count == loss.count)
            let rates = byStep("lr"), tokens = byStep("tokens")
            for (got, row) in zip(points, loss) {
                #expect(got.step == (row[2] as? NSNumber)?.intValue)
                #expect(got.loss == PythonReferenceScript.double(row[1]))
                #expect(got.wallTime == (row[0] as? NSNumber).map { $0.doubleValue / 1000 })
                #expect(got.learningRate == rates[got.step])
                #expect(got.tokens == tokens[got.step])
            }
        }
    }
}
