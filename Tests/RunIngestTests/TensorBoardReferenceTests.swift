import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// Runs Fixtures/tensorboard/reference_reader.py, which reads event files with TensorBoard's
/// own loader (`pip install tensorboard`).
enum TensorBoardReference {
    static let script = TensorBoardFixtures.folder.appendingPathComponent("reference_reader.py")

    static let isAvailable: Bool = (try? python(["-c", "import tensorboard"]))?.status == 0

    static func python(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPython.command)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    struct FileReading {
        var scalars: [(step: Int64, wallTime: Double, tag: String, value: Double)]
        var hparams: [String: String]
    }

    static func read(_ files: [URL]) throws -> [String: FileReading] {
        let (status, output) = try python([script.path] + files.map(\.path))
        guard status == 0, let object = try JSONSerialization.jsonObject(with: output) as? [String: [String: Any]] else {
            throw ReferenceFailure(message: "reference_reader.py exited with \(status)")
        }
        return try object.mapValues { entry in
            guard let scalars = entry["scalars"] as? [[String: Any]], let hparams = entry["hparams"] as? [String: String] else {
                throw ReferenceFailure(message: "unexpected JSON from reference_reader.py")
            }
            return FileReading(scalars: try scalars.map { s in
                guard let step = (s["step"] as? NSNumber)?.int64Value, let wall = (s["wall_time"] as? String).flatMap(Double.init),
                      let tag = s["tag"] as? String, let value = (s["value"] as? String).flatMap(Double.init) else {
                    throw ReferenceFailure(message: "unexpected scalar \(s)")
                }
                return (step, wall, tag, value)
            }, hparams: hparams)
        }
    }

    struct ReferenceFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func sharedFiles() -> [URL] {
        let root = SharedData.file("logs/tensorboard")
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return runs.sorted().flatMap { run -> [URL] in
            let folder = root.appendingPathComponent(run)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return TensorBoardEventFiles.ordered(names).map { folder.appendingPathComponent($0) }
        }
    }

    /// Compare our reading of each file with TensorBoard's, value for value.
    static func compare(_ files: [URL]) throws {
        let reference = try read(files)
        for file in files {
            let expected = try #require(reference[file.path], "no reference reading for \(file.lastPathComponent)")
            var reader = TensorBoardScalarReader()
            let batch = reader.read(try TensorBoardFixtures.bytes(file))
            let name = file.lastPathComponent
            #expect(batch.problems.isEmpty, "\(name): \(batch.problems)")
            #expect(batch.consumedBytes == (try TensorBoardFixtures.bytes(file)).count, "\(name)")
            #expect(batch.scalars.count == expected.scalars.count, "\(name)")
            for (ours, theirs) in zip(batch.scalars, expected.scalars) {
                let sameValue = ours.value == theirs.value || (ours.value.isNaN && theirs.value.isNaN)
                #expect(ours.step == theirs.step && ours.tag == theirs.tag && sameValue && ours.wallTime == theirs.wallTime,
                        "\(name) record \(ours.record): ours \(ours), TensorBoard's \(theirs)")
            }
            let ourHParams = batch.hparams.last?.values ?? [:]
            #expect(Set(ourHParams.keys) == Set(expected.hparams.keys), "\(name)")
            for (key, text) in expected.hparams {
                guard let ours = ourHParams[key] else { continue }
                if let number = ours.number, case .number = ours {
                    #expect(Double(text) == number, "\(name) hparam \(key)")
                } else {
                    #expect(ours.description == text, "\(name) hparam \(key)")
                }
            }
        }
    }
}

@Suite(.enabled(if: TensorBoardReference.isAvailable,
                "needs python3 with the tensorboard package (pip install tensorboard)"))
struct TensorBoardReferenceTests {
    @Test func ourFixturesReadAsTensorBoardReadsThem() throws {
        let files = TensorBoardFixtures.runs.flatMap(TensorBoardFixtures.files)
        #expect(files.count == 4)
        try TensorBoardReference.compare(files)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data (real TensorBoard logs)"))
    func realEventFilesReadAsTensorBoardReadsThem() throws {
        let files = TensorBoardReference.sharedFiles()
        #expect(files.count == 3)
        try TensorBoardReference.compare(files)
    }
}

/// The real files without Python: what each holds, as PROVENANCE.md describes it.
@Suite(.enabled(if: SharedData.isAvailable, "needs ../shared/data (real TensorBoard logs)"))
struct TensorBoardRealFileTests {
    @Test func kerasCallbackEpochLosses() throws {
        let file = SharedData.file("logs/tensorboard/keras-tf2-swahili-stt/events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2")
        let bytes = try TensorBoardFixtures.bytes(file)
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(bytes)
        #expect(outcome.consumedBytes == bytes.count)
        #expect(outcome.consumedRecords == 14)
        #expect(outcome.problems.isEmpty)
        #expect(outcome.points.map(\.point.step) == Array(0...9))
        #expect(outcome.points.first?.point.loss == Double(Float(332.6841735839844)))
        #expect(outcome.metadata == nil)
        // Fed in 997-byte pieces (byte by byte would re-offer the 300 KB graph record 300,000
        // times), the same curve.
        #expect(TailedFile.feed(bytes, cuts: Array(stride(from: 0, to: bytes.count, by: 997))) == TailedFile.feed(bytes, cuts: []))
    }

    @Test func profilerMarkerHoldsOnlyItsVersionRecord() throws {
        let file = SharedData.file("logs/tensorboard/keras-tf2-swahili-stt/events.out.tfevents.1628697787.DESKTOP-V1DB051.profile-empty")
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(try TensorBoardFixtures.bytes(file))
        #expect(outcome.consumedRecords == 1)
        #expect(outcome.consumedBytes == 40)
        #expect(outcome.points.isEmpty && outcome.problems.isEmpty)
    }

    @Test func lightningHParams() throws {
        let file = SharedData.file("logs/tensorboard/lightning-hparams-t5/events.out.tfevents.1614280815.DESKTOP-H8MFNAV.8616.0")
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(try TensorBoardFixtures.bytes(file))
        #expect(outcome.problems.isEmpty)
        #expect(outcome.points.isEmpty)   // only hp_metric, which is not a loss
        let metadata = try #require(outcome.metadata)
        #expect(metadata.hyperparameters["gradient_accumulation_steps"] == "16")
        #expect(metadata.hyperparameters["learning_rate"] == "0.0003")
        #expect(metadata.hyperparameters["data_dir"] == "data")
        #expect(metadata.parameters == nil)
    }
}
