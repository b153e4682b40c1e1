import Foundation
import ScalingLaws
import Testing
import TestSupport
@testable import RunIngest

/// Fixture files written by real writers (see Fixtures/tensorboard/make_fixtures.py).
enum TensorBoardFixtures {
    static let folder = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/tensorboard")

    static func files(_ run: String) -> [URL] {
        let directory = folder.appendingPathComponent(run)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return TensorBoardEventFiles.ordered(names).map { directory.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    static let runs = ["tensorboardx-lm", "pytorch-new-style", "tf-tensor-content"]
}

/// What a tailer would make of a file: points applied to a run the way `Run.append` does,
/// problems with their records, the metadata merged, and how far it read.
struct TailedFile: Equatable {
    var points: [MetricPoint] = []
    var problems: [String] = []
    var metadata: RunMetadata?
    var consumedBytes = 0
    var records = 0

    static func == (a: TailedFile, b: TailedFile) -> Bool {
        a.points == b.points && a.problems == b.problems && a.metadata == b.metadata
            && a.consumedBytes == b.consumedBytes && a.records == b.records
    }

    /// Feed `bytes` as a growing file: the file is visible up to each of `cuts` in turn; every
    /// call gets everything from the last consumed byte to the current end.
    /// `halvesFrom`: the reader cuts reads of that many records in halves (the default:
    /// only a large file's reads are).
    static func feed(_ bytes: [UInt8], cuts: [Int], tags: TensorBoardTags = .standard,
                     halvesFrom: Int = TensorBoardScalarReader.standardHalvesFrom) -> TailedFile {
        var parser = TensorBoardEventParser(tags: tags, readerHalvesFrom: halvesFrom)
        var run = Run(id: "r", name: "r")
        var result = TailedFile()
        for end in cuts + [bytes.count] where end > result.consumedBytes {
            let outcome = parser.parse(Array(bytes[result.consumedBytes..<end]), firstRecord: result.records + 1)
            for (_, point) in outcome.points { run.append(point) }
            result.problems += outcome.problems.map { "\($0.record): \($0.message)" }
            if let metadata = outcome.metadata { result.metadata = metadata.filled(from: result.metadata) }
            result.consumedBytes += outcome.consumedBytes
            result.records += outcome.consumedRecords
        }
        result.points = Array(run.points)
        return result
    }
}

@Suite struct TensorBoardEventParserTests {
    /// One event, `wall_time=1700000000.5, step=100, tag "loss", value 2.5`, in each of the
    /// four scalar encodings of shared/log-formats.md §1.7 (the double_val one is built the
    /// same way with the official protobuf classes).
    static let encodings: [(name: String, hex: String)] = [
        ("simple_value", "0900002040fc54d94110642a0d0a0b0a046c6f73731500002040"),
        ("float_val", "0900002040fc54d94110642a1f0a1d0a046c6f7373420808012a04000020404a0b0a090a077363616c617273"),
        ("double_val", "0900002040fc54d94110642a230a210a046c6f7373420c0802320800000000000004404a0b0a090a077363616c617273"),
        ("tensor_content", "0900002040fc54d94110642a230a210a046c6f7373420a080112002204000020404a0d0a090a077363616c6172732001"),
    ]

    @Test(arguments: encodings)
    func readsEachScalarEncoding(_ encoding: (name: String, hex: String)) {
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(TFRecordBytes.frame(TFRecordBytes.hex(encoding.hex)))
        #expect(outcome.problems.isEmpty, "\(encoding.name)")
        #expect(outcome.points.map(\.record) == [1], "\(encoding.name)")
        #expect(outcome.points.first?.point == MetricPoint(step: 100, loss: 2.5, wallTime: 1_700_000_000.5), "\(encoding.name)")
    }

    @Test func tensorboardXRunWithHParamsTextHistogramAndNaN() throws {
        let file = try #require(TensorBoardFixtures.files("tensorboardx-lm").first)
        let bytes = try TensorBoardFixtures.bytes(file)
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(bytes)
        #expect(outcome.consumedBytes == bytes.count)
        // train/loss is the first listed tag present; eval/loss is another series.
        let steps = outcome.points.map(\.point.step)
        #expect(steps == Array(1...32) + Array(34...40))
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.message == "train/loss is NaN at step 33")
        let first = try #require(outcome.points.first?.point)
        #expect(first.loss == Double(Float(2.0 + 8.0 * pow(2.0, -0.3))))
        #expect(first.learningRate == Double(Float(1.2e-4)))
        #expect(first.tokens == 65536)
        #expect(first.wallTime == 1_700_000_010)
        // Step 40's loss and learning rate share one event.
        let last = try #require(outcome.points.last?.point)
        #expect(last.step == 40)
        #expect(last.learningRate == Double(Float(6e-4)))
        #expect(last.tokens == Double(40 * 65536))

        let metadata = try #require(outcome.metadata)
        #expect(metadata.parameters == 25_000_000)
        #expect(metadata.tokensPerStep == Double(64 * 1024))
        #expect(metadata.hyperparameters["optimizer"] == "adamw")
        #expect(metadata.hyperparameters["tied_embeddings"] == "true")
        #expect(metadata.hyperparameters["batch_size"] == "64")
        #expect(metadata.hyperparameters["lr"] == "0.0006")
        #expect(metadata.hyperparameters["n_params"] == nil)
    }

    @Test func tensorContentScalarsWithMetadataOnlyOnTheFirstValue() throws {
        let file = try #require(TensorBoardFixtures.files("tf-tensor-content").first)
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(try TensorBoardFixtures.bytes(file))
        // The Keras model JSON (DT_STRING) and the graph are skipped without a word.
        #expect(outcome.problems.isEmpty)
        #expect(outcome.points.map(\.point.step) == Array(0..<12))
        #expect(outcome.points.allSatisfy { $0.point.learningRate != nil })
        #expect(outcome.points[3].point.loss == Double(Float(2.0 + 8.0 * pow(31.0, -0.3))))
        let metadata = try #require(outcome.metadata)
        #expect(metadata.parameters == 1.2e8)
        #expect(metadata.tokensPerStep == Double(256 * 2048))
        #expect(metadata.hyperparameters["activation"] == "gelu")
        #expect(metadata.hyperparameters["dropout"] == "0.1")
    }

    @Test func aResumedRunsSecondFileRewindsTheSteps() throws {
        let files = TensorBoardFixtures.files("pytorch-new-style")
        #expect(files.map(\.lastPathComponent) == ["events.out.tfevents.1700000000.fixture-host.0",
                                                   "events.out.tfevents.1700001000.fixture-host.1"])
        var run = Run(id: "r", name: "r")
        for file in files {
            var parser = TensorBoardEventParser()   // one parser per file, as the tailer keeps them
            let outcome = parser.parse(try TensorBoardFixtures.bytes(file))
            #expect(outcome.problems.isEmpty)
            for (_, point) in outcome.points { run.append(point) }
        }
        #expect(run.points.map(\.step) == Array(0..<30))
        // Steps 15… come from the second file (its losses are 0.01 lower, as doubles).
        #expect(run.points[14].loss == Double(Float(2.0 + 8.0 * pow(15.0, -0.3))))
        #expect(run.points[15].loss == 2.0 + 8.0 * pow(16.0, -0.3) - 0.01)
        #expect(run.points.allSatisfy { $0.learningRate != nil })
    }

    @Test(arguments: TensorBoardFixtures.runs)
    func byteByByteAndRandomSplitsGiveTheWholeParse(_ runName: String) throws {
        for file in TensorBoardFixtures.files(runName) {
            let bytes = try TensorBoardFixtures.bytes(file)
            let whole = TailedFile.feed(bytes, cuts: [])
            #expect(whole.consumedBytes == bytes.count)
            #expect(!whole.points.isEmpty)
            let byteByByte = TailedFile.feed(bytes, cuts: Array(0..<bytes.count))
            #expect(byteByByte == whole, "\(file.lastPathComponent) fed byte by byte")
            var generator = SplitMix64(seed: UInt64(bytes.count))
            for _ in 0..<20 {
                let cuts = (0..<Int(generator.next() % 12)).map { _ in Int(generator.next() % UInt64(bytes.count)) }.sorted()
                #expect(TailedFile.feed(bytes, cuts: cuts) == whole, "\(file.lastPathComponent) cut at \(cuts)")
            }
        }
    }

    @Test func aCorruptMiddleRecordIsLocatedAndTheRestLoads() throws {
        let file = try #require(TensorBoardFixtures.files("pytorch-new-style").first)
        let bytes = try TensorBoardFixtures.bytes(file)
        let whole = TailedFile.feed(bytes, cuts: [])
        // Find record 10's header by walking the lengths.
        var offset = 0
        for _ in 1..<10 {
            let length = (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            offset += length + 16
        }
        var damaged = bytes
        damaged[offset + 20] ^= 0xFF
        let result = TailedFile.feed(damaged, cuts: [])
        #expect(result.consumedBytes == bytes.count)
        #expect(result.records == whole.records)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.hasPrefix("10: corrupt record at byte \(offset): data checksum mismatch") == true)
        // The file's records are file_version, then loss and lr for each step: record 10 is
        // the loss of step 4. That point is lost; every other one loads.
        #expect(whole.records == 51)
        #expect(result.points.map(\.step) == whole.points.map(\.step).filter { $0 != 4 })
        // Fed in pieces, the same.
        #expect(TailedFile.feed(damaged, cuts: Array(stride(from: 0, to: damaged.count, by: 7))) == result)

        // A damaged length: the reader finds the next record and goes on.
        var badLength = bytes
        badLength[offset + 3] ^= 0x40
        let resynced = TailedFile.feed(badLength, cuts: [])
        #expect(resynced.consumedBytes == bytes.count)
        #expect(resynced.problems.count == 1)
        #expect(resynced.problems.first?.contains("corrupt record at byte \(offset): length checksum mismatch") == true)
        #expect(resynced.points.map(\.step) == whole.points.map(\.step).filter { $0 != 4 })
    }

    @Test func theLastRecordCorruptOrHalfWrittenWaits() throws {
        let file = try #require(TensorBoardFixtures.files("tf-tensor-content").first)
        let bytes = try TensorBoardFixtures.bytes(file)
        let whole = TailedFile.feed(bytes, cuts: [])
        var damaged = bytes
        damaged[bytes.count - 6] ^= 0x01
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(damaged)
        // The last record (step 11's learning rate) is left for later, unreported.
        #expect(outcome.problems.isEmpty)
        #expect(outcome.consumedRecords == whole.records - 1)
        #expect(outcome.points.map(\.point.step) == whole.points.map(\.step))
        #expect(outcome.points.last?.point.learningRate == nil)
        #expect(outcome.consumedBytes < bytes.count)
        // Once another record follows, it is corruption, named with its record number.
        let more = parser.parse(Array(damaged[outcome.consumedBytes...]) + TFRecordBytes.frame(Self.event(step: 12, wall: 1, [("epoch_loss", 1.0)])),
                                firstRecord: outcome.consumedRecords + 1)
        #expect(more.problems.map(\.record) == [whole.records])
        #expect(more.points.map(\.point.step) == [12])
    }

    /// A point whose learning rate is logged after it (HF order) gets it — in place in one
    /// call, or handed out again when the rate arrives in a later call.
    @Test func aCompanionLoggedAfterTheLossUpdatesThePoint() throws {
        let loss = TFRecordBytes.frame(Self.event(step: 5, wall: 10, [("train/loss", 3.0)]))
        let lr = TFRecordBytes.frame(Self.event(step: 5, wall: 10, [("train/learning_rate", 0.5)]))
        var parser = TensorBoardEventParser()
        let first = parser.parse(loss)
        #expect(first.points.map(\.point) == [MetricPoint(step: 5, loss: 3.0, wallTime: 10)])
        let second = parser.parse(lr, firstRecord: 2)
        #expect(second.points.map(\.record) == [1])
        #expect(second.points.map(\.point) == [MetricPoint(step: 5, loss: 3.0, learningRate: 0.5, wallTime: 10)])

        var together = TensorBoardEventParser()
        let once = together.parse(loss + lr)
        #expect(once.points.map(\.point) == [MetricPoint(step: 5, loss: 3.0, learningRate: 0.5, wallTime: 10)])
    }

    @Test func theMostPreferredLossTagWinsAndCanBeConfigured() throws {
        let bytes = TFRecordBytes.frame(Self.event(step: 0, wall: 1, [("eval/loss", 4.0)]))
            + TFRecordBytes.frame(Self.event(step: 10, wall: 2, [("train/loss", 3.0), ("val/loss", 3.5)]))
            + TFRecordBytes.frame(Self.event(step: 20, wall: 3, [("train/loss", 2.0)]))
        var parser = TensorBoardEventParser()
        #expect(parser.parse(bytes).points.map(\.point.loss) == [3.0, 2.0])

        var custom = TensorBoardTags.standard
        custom.loss = ["val/loss"]
        var validation = TensorBoardEventParser(tags: custom)
        #expect(validation.parse(bytes).points.map(\.point.loss) == [3.5])

        // Followed live, the file switches to train/loss when it first appears.
        var live = TensorBoardEventParser()
        let early = live.parse(Array(bytes[0..<TFRecordBytes.frame(Self.event(step: 0, wall: 1, [("eval/loss", 4.0)])).count]))
        #expect(early.points.map(\.point.loss) == [4.0])
        let rest = live.parse(Array(bytes[early.consumedBytes...]), firstRecord: 2)
        #expect(rest.points.map(\.point.loss) == [3.0, 2.0])
    }

    @Test func negativeStepsAndInfiniteLossesAreProblems() {
        let bytes = TFRecordBytes.frame(Self.event(step: -1, wall: 1, [("loss", 3.0)]))
            + TFRecordBytes.frame(Self.event(step: 2, wall: 1, [("loss", -.infinity)]))
            + TFRecordBytes.frame(Self.event(step: 3, wall: 1, [("loss", 1.0)]))
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(bytes)
        #expect(outcome.points.map(\.point.step) == [3])
        #expect(outcome.problems.map(\.record) == [1, 2])
        #expect(outcome.problems.map(\.message) == ["loss logged at negative step -1", "loss is infinite at step 2"])
    }

    @Test func halfAndBFloat16TensorsDecode() {
        var tensor = Tensorboard_TensorProto()
        tensor.dtype = .dtHalf
        tensor.halfVal = [0x4100]   // 2.5
        #expect(TensorBoardScalarReader.number(in: tensor) == 2.5)
        tensor.halfVal = []
        tensor.tensorContent = Data([0x00, 0xC1])   // -2.5
        #expect(TensorBoardScalarReader.number(in: tensor) == -2.5)
        tensor.dtype = .dtBfloat16
        tensor.tensorContent = Data([0x20, 0x40])   // 2.5
        #expect(TensorBoardScalarReader.number(in: tensor) == 2.5)
        #expect(TensorBoardScalarReader.halfToDouble(0x0001) == 0x1p-24)
        #expect(TensorBoardScalarReader.halfToDouble(0x7C00) == .infinity)
        #expect(TensorBoardScalarReader.halfToDouble(0x7E00).isNaN)
        tensor.dtype = .dtInt64
        tensor.tensorContent = Data()
        tensor.int64Val = [1 << 40]
        #expect(TensorBoardScalarReader.number(in: tensor) == 0x1p40)
    }

    /// A serialized event with simple_value scalars.
    static func event(step: Int64, wall: Double, _ values: [(String, Float)]) -> [UInt8] {
        var event = Tensorboard_Event()
        event.step = step
        event.wallTime = wall
        var summary = Tensorboard_Summary()
        summary.value = values.map { tag, v in
            var value = Tensorboard_Summary.Value()
            value.tag = tag
            value.simpleValue = v
            return value
        }
        event.summary = summary
        return try! event.serializedBytes()
    }
}
