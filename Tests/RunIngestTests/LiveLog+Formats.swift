import Foundation
import TestSupport
@testable import RunIngest

/// The writers of every format: text formats written here line by line, binary ones cut
/// from real writers' files (the fixtures) at record boundaries and inside records.
extension LiveLog {
    static let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures")

    static func fixture(_ path: String) -> [UInt8] {
        (try? Array(Data(contentsOf: fixtures.appendingPathComponent(path)))) ?? []
    }

    /// Each line in two pieces, cut a third of the way in.
    static func linesCut(_ lines: [String]) -> [[UInt8]] {
        lines.flatMap { line -> [[UInt8]] in
            let bytes = Array(line.utf8)
            let cut = bytes.count / 3
            return [Array(bytes[..<cut]), Array(bytes[cut...])]
        }
    }

    /// `bytes` cut at `cuts` (offsets, any order, out-of-range ones ignored).
    static func cut(_ bytes: [UInt8], at cuts: [Int]) -> [[UInt8]] {
        let offsets = [0] + Set(cuts.filter { $0 > 0 && $0 < bytes.count }).sorted() + [bytes.count]
        return zip(offsets, offsets.dropFirst()).map { Array(bytes[$0..<$1]) }
    }

    /// Start offsets of a TFRecord file's records (length u64, CRC, data, CRC).
    static func tfRecordStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = [], position = 0
        while position + 12 <= bytes.count {
            starts.append(position)
            let length = (0..<8).reduce(0) { $0 | Int(bytes[position + $1]) << (8 * $1) }
            position += 16 + length
        }
        return starts
    }

    static let jsonl = LiveLog(
        format: "JSONL", file: "190M-1xC/metrics.jsonl",
        pieces: linesCut((1...20).map { #"{"step": \#($0), "loss": \#(5 - 0.125 * Double($0)), "tokens": \#($0 * 1024)}"# + "\n" }),
        restart: linesCut((8...12).map { #"{"step": \#($0), "loss": \#(4 - 0.0625 * Double($0))}"# + "\n" }))

    static let csv = LiveLog(
        format: "CSV", file: "sweep/run-a.csv",
        pieces: linesCut(["step,loss,lr\n"] + (1...20).map { "\($0),\(6 - 0.25 * Double($0)),0.001\n" }),
        restart: linesCut((5...9).map { "\($0),\(5.5 - 0.25 * Double($0)),0.0005\n" }))

    static let stdout: LiveLog = {
        let lines = String(decoding: fixture("stdout/nanogpt.log"), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0) + "\n" }
        return LiveLog(format: "stdout (nanoGPT)", file: "jobs/slurm-4242.out", pieces: linesCut(lines),
                       restart: linesCut(lines.filter { $0.hasPrefix("iter") }.prefix(2).map { $0 }))
    }()

    /// tensorboardX's file: each record of the first few in two pieces, then pieces of
    /// ~3 KB cut wherever they fall; a restart appends the first scalar records again
    /// (TFRecord files concatenate).
    static let tensorBoard: LiveLog = {
        let bytes = fixture("tensorboard/tensorboardx-lm/events.out.tfevents.1700000000.fixture-host.0")
        let starts = tfRecordStarts(bytes)
        let firstRecords = starts.prefix(6).flatMap { [$0, $0 + 7] }
        let restartEnd = starts.count > 12 ? starts[12] : bytes.count
        return LiveLog(format: "TensorBoard", file: "tb/lm/events.out.tfevents.1700000000.fixture-host.0",
                       pieces: cut(bytes, at: firstRecords + Array(stride(from: 0, to: bytes.count, by: 3001))),
                       restart: cut(Array(bytes[starts[1]..<restartEnd]), at: [starts[4] - starts[1]]))
    }()

    /// wandb 0.31's offline file cut every ~9 KB: inside records, chunks and 32 KiB blocks.
    static let wandb: LiveLog = {
        let bytes = fixture("wandb/run-fixture1.wandb")
        return LiveLog(format: "W&B", file: "wandb/offline-run-20260101_000000-abc123/run-abc123.wandb",
                       pieces: cut(bytes, at: [3, 7, 100] + Array(stride(from: 0, to: bytes.count, by: 9001)) + [32768, 65536 + 7]),
                       restart: nil)
    }()

    /// An MLflow file-store run copied from the fixture, its `train/loss` file appended.
    static let mlflowFileStore: LiveLog = {
        let experiment = "mlflow/mlruns/601634843189543220"
        let run = experiment + "/cb07d250d0f44155bdd9cd353f486e6b"
        var companions: [String: [UInt8]] = ["mlruns/0/meta.yaml": fixture("mlflow/mlruns/0/meta.yaml")]
        let folder = fixtures.appendingPathComponent(run).path
        for path in FileManager.default.subpaths(atPath: folder) ?? [] where path != "metrics/train/loss" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                companions["mlruns/601634843189543220/cb07d250d0f44155bdd9cd353f486e6b/" + path] = fixture(run + "/" + path)
            }
        }
        companions["mlruns/601634843189543220/meta.yaml"] = fixture(experiment + "/meta.yaml")
        let lines = String(decoding: fixture(run + "/metrics/train/loss"), as: UTF8.self).split(separator: "\n").map { String($0) + "\n" }
        return LiveLog(format: "MLflow", file: "mlruns/601634843189543220/cb07d250d0f44155bdd9cd353f486e6b/metrics/train/loss",
                       companions: companions, pieces: linesCut(lines), restart: linesCut(Array(lines.prefix(3))))
    }()

    static let all: [LiveLog] = [jsonl, csv, stdout, tensorBoard, wandb, mlflowFileStore]
}

extension RewrittenLog {
    /// trainer_state.json as the Trainer dumps it (indent 2), after `entries` logs.
    static func trainerState(steps: [Int], lossOffset: Double = 0) -> [UInt8] {
        let history = steps.map { s in
            "    {\n      \"epoch\": \(Double(s) / 100),\n      \"learning_rate\": 5e-05,\n      \"loss\": \(4 - Double(s) / 50 + lossOffset),\n      \"step\": \(s)\n    }"
        }.joined(separator: ",\n")
        return Array("{\n  \"global_step\": \(steps.last ?? 0),\n  \"log_history\": [\n\(history)\n  ],\n  \"max_steps\": 100\n}\n".utf8)
    }

    static let huggingFace = RewrittenLog(
        format: "HF Trainer", file: "out/gpt2-small/trainer_state.json",
        companions: ["out/gpt2-small/config.json": LiveLog.fixture("hf/config_gpt2.json")],
        saves: [trainerState(steps: [10, 20]), trainerState(steps: [10, 20, 30, 40]),
                trainerState(steps: [10, 20, 30, 40, 50, 60]),
                // Resumed from the step-40 checkpoint: its state has the log up to 40.
                trainerState(steps: [10, 20, 30, 40]), trainerState(steps: [10, 20, 30, 40, 50], lossOffset: 0.01)])

    /// Lightning's CSVLogger: rows appended by rewriting, a new column (val_loss) rewriting
    /// the header — the fixture's two files — then more rows.
    static let lightning: RewrittenLog = {
        let before = LiveLog.fixture("lightning/metrics_before_rewrite.csv")
        let after = LiveLog.fixture("lightning/metrics.csv")
        let more = after + Array("1,0.0005,549,,4.5,\r\n".utf8)
        // The first flush: the header and two rows.
        let rows = before.split(separator: 0x0A, omittingEmptySubsequences: false)
        let first = Array(rows.prefix(3).joined(separator: [0x0A])) + [0x0A]
        return RewrittenLog(format: "Lightning", file: "lightning_logs/version_0/metrics.csv",
                            companions: ["lightning_logs/version_0/hparams.yaml": LiveLog.fixture("lightning/hparams.yaml")],
                            saves: [first, before, after, more, before])
    }()

    static let all: [RewrittenLog] = [huggingFace, lightning]
}
