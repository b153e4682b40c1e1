import ScalingLaws

/// Hugging Face Trainer's `trainer_state.json`, rewritten whole (not atomically) at each
/// checkpoint save (log-formats.md §2.2). `log_history` entries become points: training
/// entries (`loss`) or evaluation entries (`eval_loss`), one series per parser. Entries
/// without `step` (custom `predict_*` metrics) are skipped.
///
/// A file cut short — the Trainer is half-way through rewriting it — is not an error: the
/// outcome then has no points, `consumedBytes == 0` and one problem at record 0 whose
/// message starts with `TrainerStateParser.incompleteMessage`; read it again after the
/// next change. Record numbers are 1-based positions in `log_history`.
public struct TrainerStateParser: WholeFileLogParser {
    public static let fileName = "trainer_state.json"
    public static let incompleteMessage = "incomplete JSON (the file is being rewritten), will retry"

    public enum Series: String, Sendable, CaseIterable {
        /// `loss`: mean training loss since the previous log.
        case training
        /// `eval_loss`.
        case evaluation

        var lossKey: String { self == .training ? "loss" : "eval_loss" }
    }

    public var series: Series

    public init(series: Series = .training) {
        self.series = series
    }

    /// Whether a file is a Trainer state: `trainer_state.json`, at a run's output folder or
    /// inside a `checkpoint-N` folder.
    public static func isRun(fileName: String) -> Bool {
        fileName == Self.fileName
    }

    /// Whether a folder holding `trainer_state.json` also has the model's `config.json`.
    public static func configFileName(amongSiblings names: [String]) -> String? {
        names.contains(HuggingFaceConfig.fileName) ? HuggingFaceConfig.fileName : nil
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParseOutcome {
        var outcome = ParseOutcome()
        let document: PythonJSON
        switch PythonJSON.read(bytes) {
        case .success(let d): document = d
        case .failure(.truncated):
            outcome.problems.append((0, Self.incompleteMessage))
            return outcome
        case .failure(.malformed(let offset, let reason)):
            outcome.problems.append((0, "not valid JSON: \(reason) at byte \(offset + 1)"))
            outcome.consumedBytes = bytes.count
            return outcome
        }
        outcome.consumedBytes = bytes.count
        guard case .object = document, let history = document["log_history"] else {
            outcome.problems.append((0, "no log_history: not a Trainer state file"))
            return outcome
        }
        guard case .array(let entries) = history else {
            outcome.problems.append((0, "log_history is not a list"))
            return outcome
        }
        outcome.consumedRecords = entries.count
        let lossKey = series.lossKey
        for (i, entry) in entries.enumerated() {
            let record = i + 1
            guard case .object = entry, let lossValue = entry[lossKey] else { continue }
            guard case .number(let loss) = lossValue else {
                if lossValue != .null { outcome.problems.append((record, "\(lossKey) is not a number")) }
                continue
            }
            guard let stepValue = entry["step"]?.double else { continue }   // predict_* entries have no step
            guard let step = WholeNumber.step(stepValue) else {
                outcome.problems.append((record, "step \(stepValue) is not a whole number ≥ 0"))
                continue
            }
            guard loss.isFinite else {
                outcome.problems.append((record, "\(lossKey) is \(loss.isNaN ? "NaN" : "infinite") at step \(step)"))
                continue
            }
            var nonFinite = NonFiniteValues()
            let tokens = nonFinite.finite(entry["num_input_tokens_seen"]?.double, "num_input_tokens_seen").flatMap { $0 > 0 ? $0 : nil }
            let lr = nonFinite.finite(entry["learning_rate"]?.double, "learning_rate")
            outcome.append(MetricPoint(step: step, tokens: tokens, loss: loss, learningRate: lr),
                           leftOut: nonFinite.problem(atStep: step), at: record)
        }
        var metadata = RunMetadata(source: Self.fileName)
        for key in ["train_batch_size", "max_steps", "num_train_epochs", "logging_steps", "eval_steps",
                    "save_steps", "total_flos", "global_step"] {
            if let v = document[key]?.double, v.isFinite {
                metadata.hyperparameters[key] = WholeNumber.text(v)
            }
        }
        // The Trainer writes max_steps = -1 when it trains by epochs and does not know yet.
        if let maxSteps = document["max_steps"]?.double, maxSteps.isFinite, maxSteps > 0 {
            metadata.plannedSteps = maxSteps
            // The last logged loss is often short of max_steps (logging_steps need not divide
            // it); the state's own global_step says when training got there.
            if let global = document["global_step"]?.double, global.isFinite, global >= maxSteps {
                metadata.end = RunEnd(.succeeded)
            }
        }
        outcome.metadata = metadata
        return outcome
    }
}

extension TrainerStateParser {
    /// N of a `checkpoint-N` folder name, or nil.
    public static func checkpointStep(_ folderName: String) -> Int? {
        guard folderName.hasPrefix("checkpoint-") else { return nil }
        let digits = folderName.dropFirst("checkpoint-".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// Which `trainer_state.json` of a Trainer output folder (given the names inside it) to
    /// follow: the folder's own when `save_state()` wrote one, else the latest
    /// `checkpoint-N/trainer_state.json` (its log_history holds every earlier entry). The
    /// relative path, or nil when the folder is not a Trainer output folder. A checkpoint
    /// folder is assumed to hold its state file; the caller checks it exists.
    public static func stateFile(inOutputFolderWith names: [String]) -> String? {
        if names.contains(fileName) { return fileName }
        guard let latest = names.compactMap({ n in checkpointStep(n).map { (n, $0) } }).max(by: { $0.1 < $1.1 }) else { return nil }
        return "\(latest.0)/\(fileName)"
    }
}
