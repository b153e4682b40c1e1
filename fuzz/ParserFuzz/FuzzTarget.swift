import Foundation
import Glibc
import RunIngest

/// One parser fed one input: what `make fuzz` runs under libFuzzer, and what the replay
/// mode (a normal build) runs on the inputs given. A target only has to not crash (and not
/// trip AddressSanitizer); the parsers report bad input as problems, never by trapping.
enum FuzzTarget: String, CaseIterable {
    case jsonl, csv, tfrecord, tfevents, wandbFraming = "wandb-framing", wandbRecords = "wandb-records"
    case hfState = "hf-state", hfConfig = "hf-config", lightningCSV = "lightning-csv"
    case lightningHParams = "lightning-hparams", mlflowMetric = "mlflow-metric", mlflowMeta = "mlflow-meta"
    case mlflowDatabase = "mlflow-db", stdout, sidecar, wandbConfig = "wandb-config", fileName = "file-name"

    /// The fixture files (under the package root) that seed this target's corpus, as shell
    /// globs; `fuzz/run.sh` reads them from `--list-seeds`.
    var seeds: [String] {
        switch self {
        case .jsonl: return ["sample-runs/*/*/*.jsonl", "../shared/data/logs/*/*.jsonl"]
        case .csv: return ["Tests/RunIngestTests/Fixtures/lightning/*.csv", "sample-runs/*/*/*.csv"]
        case .tfrecord, .tfevents: return ["Tests/RunIngestTests/Fixtures/tensorboard/*/events.out.tfevents.*"]
        case .wandbFraming, .wandbRecords: return ["Tests/RunIngestTests/Fixtures/wandb/*.wandb"]
        case .hfState: return ["Tests/RunIngestTests/Fixtures/hf/trainer_state.json"]
        case .hfConfig: return ["Tests/RunIngestTests/Fixtures/hf/config_*.json"]
        case .lightningCSV: return ["Tests/RunIngestTests/Fixtures/lightning/*.csv"]
        case .lightningHParams: return ["Tests/RunIngestTests/Fixtures/lightning/hparams.yaml"]
        case .mlflowMetric: return ["Tests/RunIngestTests/Fixtures/mlflow/mlruns/*/*/metrics/*/*",
                                    "Tests/RunIngestTests/Fixtures/mlflow/mlruns/*/*/metrics/*"]
        case .mlflowMeta: return ["Tests/RunIngestTests/Fixtures/mlflow/mlruns/*/*/meta.yaml"]
        case .mlflowDatabase: return []   // a small database made by fuzz/make_seed_db.py
        case .stdout: return ["Tests/RunIngestTests/Fixtures/stdout/*.log"]
        case .sidecar: return ["sample-runs/*/*/scaletop.json", "sample-runs/*/scaletop.json"]
        case .wandbConfig: return ["../shared/data/logs/*/config.yaml", "../shared/data/logs/*/*/config.yaml"]
        case .fileName: return ["Tests/RunIngestTests/Fixtures/hf/config_gpt2.json"]
        }
    }

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let array = Array(bytes)
        switch self {
        case .jsonl:
            Self.appending(JSONLMetricsParser(), array)
            // A line read through the shape of the lines before it must read as it does alone.
            precondition(JSONLMetricsParser().shapesReadAsAlone(bytes), "JSONLineShape and the general scanner disagree")
        case .csv:
            Self.appending(CSVMetricsParser(), array)
        case .tfrecord:
            _ = TFRecordFraming.split(bytes, fileOffset: 0)
        case .tfevents:
            // The input is one event's protobuf bytes, framed with valid checksums, so the
            // mutations reach the event decoder rather than failing the CRC.
            let framed = Self.tfRecord(array) + Self.tfRecord(Array(array.reversed()))
            Self.appending(TensorBoardEventParser(), framed)
            // The hand-written event walk must read exactly what SwiftProtobuf reads.
            precondition(framed.withUnsafeBufferPointer { TensorBoardScalarReader.walkMatchesSwiftProtobuf($0) },
                         "TensorBoardEventWalk and SwiftProtobuf disagree")
            _ = TensorBoardHParamsSession.verdict(firstBytes: [framed, array])
        case .wandbFraming:
            var framing = WandBRecordFraming()
            let half = array.count / 2
            _ = array[..<half].withUnsafeBufferPointer { framing.split($0) }
            _ = array.withUnsafeBufferPointer { framing.split($0) }
        case .wandbRecords:
            // The input is one Record's protobuf bytes, framed in a valid .wandb file.
            Self.appending(WandBRunParser(), Self.wandbFile(records: [array, array]))
        case .hfState:
            _ = TrainerStateParser().parse(array)
            _ = TrainerStateParser(series: .evaluation).parse(array)
        case .hfConfig:
            _ = try? HuggingFaceConfig.metadata(array)
        case .lightningCSV:
            _ = LightningMetricsParser(series: .training).parse(array)
        case .lightningHParams:
            _ = try? LightningHyperparameters.parse(String(decoding: array, as: UTF8.self), source: "hparams.yaml")
        case .mlflowMetric:
            Self.appending(MLflowMetricFileParser(key: "loss"), array)
        case .mlflowMeta:
            _ = try? MLflowRunFolder.runInfo(metaYAML: array)
            _ = MLflowRunFolder.metadata(files: ["/r/meta.yaml": array, "/r/params/n_params": array, "/r/tags/mlflow.runName": array],
                                         runFolder: "/r")
        case .mlflowDatabase:
            Self.database(array)
        case .stdout:
            Self.appending(StdoutLogParser(), array)
            _ = StdoutLogParser.detectFormat(array)
        case .sidecar:
            _ = try? SidecarMetadata.parse(Data(array), source: "scaletop.json")
        case .wandbConfig:
            _ = try? WandBConfigFile.metadata(bytes: array, source: "config.yaml")
        case .fileName:
            // Any bytes make a name, and the name gives back exactly those bytes.
            let name = RawFileName.string(fromBytes: array)
            precondition(RawFileName.bytes(of: name) == array, "file name bytes do not survive the round trip")
            _ = RunNamePatterns.metadata(fromRunName: name)
            _ = RawFileName.display(name)
        }
    }

    /// Parse whole, then again in two pieces cut where the first byte says: a live log is
    /// read in pieces, and the second read starts where the first stopped consuming.
    static func appending<P: AppendingLogParser>(_ parser: P, _ bytes: [UInt8]) {
        var whole = parser
        _ = whole.parse(bytes, firstRecord: 1)
        guard let first = bytes.first else { return }
        let cut = Int(first) * bytes.count / 256
        var pieces = parser
        let head = pieces.parse(Array(bytes[..<cut]), firstRecord: 1)
        _ = pieces.parse(Array(bytes[head.consumedBytes...]), firstRecord: 1 + head.consumedRecords)
    }

    static func tfRecord(_ data: [UInt8]) -> [UInt8] {
        var length = UInt64(data.count)
        let lengthBytes = withUnsafeBytes(of: &length) { Array($0) }
        func masked(_ bytes: [UInt8]) -> [UInt8] {
            var crc = CRC32C.mask(CRC32C.checksum(bytes))
            return withUnsafeBytes(of: &crc) { Array($0) }
        }
        return lengthBytes + masked(lengthBytes) + data + masked(data)
    }

    /// A `.wandb` file holding `records`, each cut into chunks that respect the 32 KiB blocks.
    static func wandbFile(records: [[UInt8]]) -> [UInt8] {
        var out = WandBRecordFraming.fileHeader
        let block = WandBRecordFraming.blockSize, header = WandBRecordFraming.chunkHeaderSize
        for record in records {
            var rest = record[...]
            var first = true
            repeat {
                let left = block - out.count % block
                if left < header {
                    out += [UInt8](repeating: 0, count: left)
                    continue
                }
                let piece = rest.prefix(left - header)
                rest = rest.dropFirst(piece.count)
                let type: UInt8 = first ? (rest.isEmpty ? 1 : 2) : (rest.isEmpty ? 4 : 3)
                var crc = CRC32.checksum([type] + piece)
                out += withUnsafeBytes(of: &crc) { Array($0) }
                out += [UInt8(piece.count & 0xFF), UInt8(piece.count >> 8), type]
                out += piece
                first = false
            } while !rest.isEmpty
        }
        return out
    }

    /// The bytes as an `mlflow.db`, opened and read as the follower does.
    static func database(_ bytes: [UInt8]) {
        let path = "/dev/shm/scaletop-fuzz-\(getpid())/mlflow.db"
        mkdir("/dev/shm/scaletop-fuzz-\(getpid())", 0o700)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if let store = try? MLflowSQLiteStore(path: path) {
            _ = store.readNew()
            _ = store.readNew()
        }
    }
}
