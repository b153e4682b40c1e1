import Foundation
import Testing
import TestSupport
@testable import RunIngest

@Suite struct WandBRunParserTests {
    static let fixture = PythonReferenceScript.fixtures.appendingPathComponent("wandb/run-fixture1.wandb")
    static let sdk031 = SharedData.file("logs/wandb/sdk-0.31-offline/run-h3dizu1p.wandb")
    static let tinyLM = SharedData.file("logs/wandb/tinylm/wandb/run-20260211_121423-kj3gdsjx/run-kj3gdsjx.wandb")
    static let legacy = SharedData.file("logs/wandb/legacy-0.8-spaceinvaders/wandb")

    static func columns(loss: [String]) -> MetricColumns {
        var c = MetricColumns.standard
        c.loss = loss
        return c
    }

    static func parseWhole(_ url: URL, loss: [String]) throws -> ParseOutcome {
        var parser = WandBRunParser(columns: columns(loss: loss))
        return parser.parse(Array(try Data(contentsOf: url)))
    }

    @Test func detectsRunLogsByName() {
        #expect(WandBRunParser.isRunLog("wandb/offline-run-20260101_000000-abc123/run-abc123.wandb"))
        #expect(WandBRunParser.isRunLog("run-h3dizu1p.wandb"))
        #expect(!WandBRunParser.isRunLog("run-abc123.wandb.synced"))
        #expect(!WandBRunParser.isRunLog("run-.wandb"))
        #expect(!WandBRunParser.isRunLog("files/config.yaml"))
        #expect(WandBRunParser.runID(fromFileName: "x/run-h3dizu1p.wandb") == "h3dizu1p")
        #expect(WandBLegacyHistory.isHistoryFile("wandb/wandb-history.jsonl"))
        #expect(WandBConfigFile.path(forRunLog: "/w/offline-run-x-abc/run-abc.wandb") == "/w/offline-run-x-abc/files/config.yaml")
        #expect(WandBConfigFile.path(forRunLog: "run-abc.wandb") == "files/config.yaml")
    }

    /// The fixture written by wandb 0.31.0 (make_fixture.py): steps 0…299, NaN at step 77,
    /// val/loss in the rows of steps 0, 50, …, 250, a run record of three chunks.
    @Test func readsTheOfflineFixture() throws {
        let outcome = try Self.parseWhole(Self.fixture, loss: ["train/loss"])
        #expect(outcome.consumedBytes == (try Data(contentsOf: Self.fixture)).count)
        #expect(outcome.consumedRecords == 908)
        #expect(outcome.points.map(\.point.step) == Array(0..<77) + Array(78..<300))
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.message == "train/loss is NaN at step 77")
        let first = try #require(outcome.points.first?.point)
        #expect(first.loss == 8.5)
        #expect(first.tokens == 0)
        #expect(outcome.points[1].point.tokens == 16_384)
        #expect(outcome.points.allSatisfy { $0.point.learningRate != nil && $0.point.wallTime != nil })
        let metadata = try #require(outcome.metadata)
        #expect(metadata.parameters == 12_000_000)
        #expect(metadata.tokensPerStep == 16_384.0)
        #expect(metadata.hyperparameters["model.n_layer"] == "4")
        #expect(metadata.hyperparameters["lr"] == "0.0003")
        #expect(metadata.hyperparameters["notes"]?.count == 70_000)
        #expect(metadata.hyperparameters["n_params"] == nil)

        let validation = try Self.parseWhole(Self.fixture, loss: ["val/loss"])
        #expect(validation.points.map(\.point.step) == [0, 50, 100, 150, 200, 250])
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func readsTheSDK031OfflineSample() throws {
        let train = try Self.parseWhole(Self.sdk031, loss: ["train/loss"])
        #expect(train.problems.isEmpty)
        #expect(train.points.map(\.point.step) == Array(1...400))
        #expect(train.points.allSatisfy { $0.point.learningRate != nil && $0.point.tokens != nil })
        #expect(train.points.first?.point.tokens == 65_536)
        let metadata = try #require(train.metadata)
        #expect(metadata.parameters == 25_000_000)
        #expect(metadata.tokensPerStep == 65_536.0)
        #expect(metadata.hyperparameters["batch_size"] == "64" && metadata.hyperparameters["seq_len"] == "1024")
        let validation = try Self.parseWhole(Self.sdk031, loss: ["val/loss"])
        #expect(validation.points.map(\.point.step) == [100, 200, 300, 400])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: tinyLM.path),
                   "the TinyLM .wandb named in PROVENANCE.md is not in ../shared/data"))
    func readsTheTinyLMSample() throws {
        // Every history row has `_step`: read it as the "loss" to list the row steps.
        let outcome = try Self.parseWhole(Self.tinyLM, loss: ["_step"])
        #expect(outcome.consumedRecords == 10_947)
        #expect(!outcome.problems.contains { $0.message.contains("damaged") })
        let steps = outcome.points.map(\.point.step)
        #expect(Array(steps.prefix(3)) == [0, 50, 100])
        #expect(steps.last == 107_124)
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// The file fed as a tailer feeds a growing file, in random pieces: the same points,
    /// problems and metadata as one whole parse, none lost or doubled.
    @Test(arguments: [11, 12, 13, 14])
    func randomSplitsGiveTheWholeParse(seed: UInt64) throws {
        var files = [Self.fixture]
        if SharedData.isAvailable { files.append(Self.sdk031) }
        for url in files {
            let bytes = Array(try Data(contentsOf: url))
            let whole = try Self.parseWhole(url, loss: ["train/loss"])
            var parser = WandBRunParser(columns: Self.columns(loss: ["train/loss"]))
            let grown = parseGrowing(&parser, bytes, cuts: randomCuts(length: bytes.count, count: 200, seed: seed))
            #expect(grown.points.map(\.record) == whole.points.map(\.record))
            #expect(grown.points.map(\.point) == whole.points.map(\.point))
            #expect(grown.problems.map(\.record) == whole.problems.map(\.record))
            #expect(grown.metadata == whole.metadata)
            #expect(grown.consumedBytes == bytes.count)
            #expect(grown.consumedRecords == whole.consumedRecords)
        }
    }

    @Test func damagedBytesAreReportedWithRecordAndOffsetAndTheRestLoads() throws {
        var bytes = Array(try Data(contentsOf: Self.fixture))
        let whole = try Self.parseWhole(Self.fixture, loss: ["train/loss"])
        bytes[100_000] ^= 0xFF   // in block 3, among history rows (block 1 is the run record's MIDDLE chunk)
        var parser = WandBRunParser(columns: Self.columns(loss: ["train/loss"]))
        let outcome = parser.parse(bytes)
        let damage = outcome.problems.filter { $0.message.contains("damaged data at byte") }
        #expect(damage.count >= 1)
        #expect(damage.allSatisfy { $0.record > 1 })
        // Points after block 1 are all there; only block 1's rows are lost.
        #expect(outcome.points.last?.point == whole.points.last?.point)
        #expect(outcome.points.count < whole.points.count)
        #expect(outcome.points.count > whole.points.count / 2)
        #expect(outcome.consumedBytes == bytes.count)
    }

    @Test func notAWandBFileIsOneProblem() {
        var parser = WandBRunParser()
        let outcome = parser.parse(Array("wandb_version: 1\n".utf8))
        #expect(outcome.points.isEmpty)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.message.hasPrefix("not a W&B transaction log") == true)
    }

    // MARK: Against W&B's own code

    static var referenceReady: Bool { PythonReferenceScript.hasWandB }

    static func reference(_ url: URL, loss: [String], columns: MetricColumns = .standard) throws -> [String: Any] {
        try PythonReferenceScript.run(PythonReferenceScript.wandb, [
            url.path, "--loss", loss.joined(separator: ","), "--lr", columns.learningRate.joined(separator: ","),
            "--tokens", columns.tokens.joined(separator: ","), "--flops", columns.flops.joined(separator: ","),
            "--time", (["_timestamp"] + columns.wallTime).joined(separator: ","),
        ])
    }

    static func compare(_ url: URL, loss: [String]) throws {
        let reference = try reference(url, loss: loss)
        let outcome = try parseWhole(url, loss: loss)
        #expect(reference["crc_failures"] as? Int == 0)
        #expect(outcome.consumedRecords == reference["records"] as? Int, "\(url.lastPathComponent)")
        let points = reference["points"] as? [[String: Any]] ?? []
        #expect(outcome.points.count == points.count, "\(url.lastPathComponent)")
        for (got, want) in zip(outcome.points, points) {
            #expect(got.record == want["record"] as? Int)
            #expect(got.point.step == want["step"] as? Int)
            #expect(got.point.loss == PythonReferenceScript.double(want["loss"]))
            #expect(got.point.learningRate == PythonReferenceScript.double(want["lr"]))
            #expect(got.point.tokens == PythonReferenceScript.double(want["tokens"]))
            #expect(got.point.flops == PythonReferenceScript.double(want["flops"]))
            #expect(got.point.wallTime == PythonReferenceScript.double(want["time"]))
        }
        let problems = reference["problems"] as? [[String: Any]] ?? []
        #expect(outcome.problems.map(\.record) == problems.compactMap { $0["record"] as? Int })
        let config = reference["config"] as? [String: Any] ?? [:]
        let metadata = outcome.metadata ?? RunMetadata()
        for key in ["n_params", "num_params", "parameters"] where config[key] != nil {
            #expect(metadata.parameters == PythonReferenceScript.double(config[key]))
        }
        for (key, value) in config where !["n_params", "num_params", "parameters"].contains(key) {
            let text = metadata.hyperparameters[key]
            if let number = value as? NSNumber, !(value is String) {
                #expect(text.flatMap(Double.init) == number.doubleValue, "config \(key)")
            } else {
                #expect(text == "\(value)", "config \(key)")
            }
        }
    }

    @Test(.enabled(if: referenceReady, "needs python3 with wandb (pip install wandb)"))
    func fixtureMatchesTheReference() throws {
        try Self.compare(Self.fixture, loss: ["train/loss"])
        try Self.compare(Self.fixture, loss: ["val/loss"])
        try Self.compare(Self.fixture, loss: MetricColumns.standard.loss)
    }

    @Test(.enabled(if: referenceReady && SharedData.isAvailable, "needs ../shared/data and python3 with wandb"))
    func everySharedWandBFileMatchesTheReference() throws {
        let files = filesBelow(SharedData.file("logs/wandb")).filter { WandBRunParser.isRunLog($0.path) }
        #expect(!files.isEmpty)
        for url in files {
            try Self.compare(url, loss: ["train/loss"])
            try Self.compare(url, loss: MetricColumns.standard.loss)
        }
    }

    // MARK: config.yaml and the legacy history

    @Test func modernConfigYAML() throws {
        // The shape of files/config.yaml written by online runs of current SDKs (§5.2).
        let yaml = """
        _wandb:
          value:
            cli_version: 0.31.0
            e:
              abc: {host: vm}
        n_params:
          value: 25000000
        batch_size:
          value: 64
        seq_len:
          value: 1024
        lr:
          value: 0.0006
        model:
          value:
            d_model: 512
            n_layer: 6
        """
        let metadata = try WandBConfigFile.metadata(yaml: yaml, source: "files/config.yaml")
        #expect(metadata.parameters == 25_000_000)
        #expect(metadata.tokensPerStep == 65_536)
        #expect(metadata.hyperparameters == ["batch_size": "64", "seq_len": "1024", "lr": "0.0006",
                                             "model.d_model": "512", "model.n_layer": "6"])
        #expect(metadata.source == "files/config.yaml")
    }

    @Test func configWithoutSequenceLengthHasNoTokensPerStep() throws {
        let metadata = try WandBConfigFile.metadata(yaml: "num_params:\n  value: 1.5e8\nbatch_size:\n  value: 8\n", source: nil)
        #expect(metadata.parameters == 1.5e8)
        #expect(metadata.tokensPerStep == nil)
        #expect(throws: WandBConfigFile.Failure.self) { try WandBConfigFile.metadata(yaml: "- a\n- b\n", source: nil) }
        #expect(throws: WandBConfigFile.Failure.self) { try WandBConfigFile.metadata(yaml: "a: [1,\n", source: nil) }
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func legacyConfigYAML() throws {
        let url = Self.legacy.appendingPathComponent("config.yaml")
        let metadata = try WandBConfigFile.metadata(bytes: Array(try Data(contentsOf: url)), source: url.path)
        #expect(metadata.parameters == nil)
        #expect(metadata.tokensPerStep == nil)
        #expect(metadata.hyperparameters == ["batch_size": "32", "episodes": "100", "epsilon_decay": "0.995",
                                             "epsilon_min": "0.01", "learning_rate": "0.003"])
        if PythonReferenceScript.hasYAML {
            let reference = try PythonReferenceScript.run(PythonReferenceScript.wandb, ["--config-yaml", url.path])
            let config = reference["config"] as? [String: Any] ?? [:]
            #expect(Set(config.keys) == Set(metadata.hyperparameters.keys))
            for (key, value) in config {
                #expect(metadata.hyperparameters[key].flatMap(Double.init) == PythonReferenceScript.double(value), "\(key)")
            }
        }
    }

    @Test(.enabled(if: SharedData.isAvailable && PythonReferenceScript.python != nil, "needs ../shared/data and python3"))
    func legacyHistoryMatchesPython() throws {
        let url = Self.legacy.appendingPathComponent("wandb-history.jsonl")
        var columns = MetricColumns.standard
        columns.loss = ["episodic_reward"]
        let outcome = WandBLegacyHistory.parser(columns: columns).parse(Array(try Data(contentsOf: url)))
        let reference = try PythonReferenceScript.run(PythonReferenceScript.wandb,
                                                      ["--history-jsonl", url.path, "--loss", "episodic_reward"])
        let points = reference["points"] as? [[String: Any]] ?? []
        #expect(points.count == 98)
        #expect(outcome.points.count == points.count)
        #expect(outcome.problems.isEmpty)
        for (got, want) in zip(outcome.points, points) {
            #expect(got.record == want["record"] as? Int)
            #expect(got.point.step == want["step"] as? Int)
            #expect(got.point.loss == PythonReferenceScript.double(want["loss"]))
            #expect(got.point.wallTime == PythonReferenceScript.double(want["time"]))
        }
        #expect(outcome.consumedRecords == 198)
    }
}
