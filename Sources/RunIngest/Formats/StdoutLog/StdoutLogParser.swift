import Foundation
import ScalingLaws

/// Loss lines in a training script's console output (log-formats.md §6): nanoGPT, litgpt,
/// Megatron-LM and torchtitan built in, plus an optional user regex. Appending: only
/// complete lines are consumed. Before matching, ANSI colour escapes are removed and
/// thousands separators dropped from numbers; launcher prefixes (`[rank0]:`, `0: `) do not
/// matter because patterns are searched for anywhere in the line. A bare `\r` (tqdm
/// progress bars) splits a line into segments that keep the line's number; line numbers
/// count `\n` only, as an editor does.
///
/// Parameter-count and tokens-per-iteration lines become `ParseOutcome.metadata` (the
/// metadata known so far, sent whenever it grows). Lines matching no pattern are ignored:
/// console output is mostly other text.
public struct StdoutLogParser: AppendingLogParser {
    public enum Format: String, Sendable, CaseIterable {
        case nanoGPT, litgpt, megatron = "Megatron-LM", torchtitan
    }

    public var formats: [Format]
    public var userPattern: StdoutLossPattern?
    /// Metadata read so far.
    public private(set) var metadata = RunMetadata()
    /// Megatron prints one parameter count per (tensor, pipeline) rank; N is their sum.
    private var megatronRankParameters: [String: Double] = [:]
    private var megatronSequenceLength: Double?
    private var megatronGlobalBatch: Double?

    public init(formats: [Format] = Format.allCases, userPattern: StdoutLossPattern? = nil) {
        self.formats = formats
        self.userPattern = userPattern
    }

    /// Whether a file name looks like captured console output: `*.log`, `*.out`, `*.err`,
    /// `*.txt`, `stdout*`, `slurm-*`. The content decides the format (`detectFormat`).
    public static func isLogFile(fileName: String) -> Bool {
        let lower = fileName.lowercased()
        return [".log", ".out", ".err", ".txt"].contains { lower.hasSuffix($0) }
            || lower.hasPrefix("stdout") || lower.hasPrefix("slurm-")
    }

    /// The built-in format of the first loss line in `sample` (say, a file's first 64 KiB),
    /// or nil when no line is one: a log file named like any other text is a run only then.
    public static func detectFormat(_ sample: [UInt8]) -> Format? {
        var found: Format?
        sample.withUnsafeBufferPointer { buffer in
            _ = forEachSegment(buffer, final: true) { segment, _ in
                guard found == nil else { return }
                let line = Self.withoutLauncherPrefix(Self.cleanLine(segment))
                found = Format.allCases.first { Self.matchLoss($0, line) != nil }
            }
        }
        return found
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        var outcome = ParseOutcome()
        let before = metadata
        var this = self
        let (consumed, lines) = Self.forEachSegment(bytes, final: false) { segment, lineOffset in
            this.parseSegment(segment, line: firstRecord + lineOffset, into: &outcome)
        }
        self = this
        outcome.consumedBytes = consumed
        outcome.consumedRecords = lines
        if metadata != before { outcome.metadata = metadata }
        return outcome
    }

    /// Calls `body` with each complete segment (ended by `\n`, `\r\n` or a bare `\r`) and the
    /// number of `\n` before it. Returns bytes consumed and `\n` counted. Unless `final`, a
    /// last `\r` is held back: it may be half of a `\r\n`.
    @discardableResult
    static func forEachSegment(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool,
                               _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) -> (consumed: Int, lines: Int) {
        var start = 0, lines = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                body(UnsafeBufferPointer(rebasing: bytes[start..<i]), lines)
                lines += 1
                start = i + 1
            } else if b == 0x0D {
                if i + 1 < bytes.count {
                    body(UnsafeBufferPointer(rebasing: bytes[start..<i]), lines)
                    if bytes[i + 1] == 0x0A { i += 1; lines += 1 }
                    start = i + 1
                } else if final {
                    body(UnsafeBufferPointer(rebasing: bytes[start..<i]), lines)
                    start = i + 1
                } else {
                    break
                }
            }
            i += 1
        }
        if final, start < bytes.count {
            body(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), lines)
            start = bytes.count
        }
        return (start, lines)
    }

    /// The text of a segment without ANSI escapes (CSI `ESC [ … final`, OSC `ESC ] … BEL`).
    static func cleanLine(_ segment: UnsafeBufferPointer<UInt8>) -> String {
        guard segment.contains(0x1B) else { return String(decoding: segment, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(segment.count)
        var i = 0
        while i < segment.count {
            let b = segment[i]
            guard b == 0x1B else { out.append(b); i += 1; continue }
            i += 1
            if i < segment.count, segment[i] == UInt8(ascii: "[") {
                i += 1
                while i < segment.count, !(0x40...0x7E).contains(segment[i]) { i += 1 }
                i += 1
            } else if i < segment.count, segment[i] == UInt8(ascii: "]") {
                while i < segment.count, segment[i] != 0x07 { i += 1 }
                i += 1
            } else {
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The line without the prefixes launchers add (`[rank0]:`, `[default3]:`,
    /// `[lrdn3321:3]:`, `1:`, `0: `), so a user's pattern may anchor at `^`.
    static func withoutLauncherPrefix(_ line: String) -> String {
        guard let m = Patterns.launcherPrefix.firstMatch(in: line), let r = Range(m.range, in: line) else { return line }
        return String(line[r.upperBound...])
    }

    /// A number as printed by a human log: `7,034`, `1.2E+00`, `nan`, `inf`.
    static func number(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !t.isEmpty, !t.lowercased().hasPrefix("0x") else { return nil }
        return Double(t)
    }

    struct LossMatch {
        var step: String
        var loss: String
        var tokens: String?
        var learningRate: String?
    }

    enum Patterns {
        static let nanoGPT = SharedRegex(literal: #"(?:^|[\s:\]])iter (\d+): loss ([^,\s]+), time"#)
        static let litgpt = SharedRegex(literal: #"Epoch \d+ \| iter \d+ step (\d+) \| loss train: ([^,\s]+),"#)
        static let megatron = SharedRegex(literal: #"(?:^|\s)iteration\s+(\d+)/\s*\d+ \|(.*)$"#)
        static let torchtitan = SharedRegex(literal: #"(?<!validate )\bstep:\s*(\d+)\s+loss:\s*(\S+)"#)

        static let launcherPrefix = SharedRegex(literal: #"^(?:\[[^\]\s]+\]: ?|\d+: ?)+"#)
        /// Megatron's argument dump at start-up: `  seq_length ........ 2048` (`_print_args`).
        static let megatronArgument = SharedRegex(literal: #"^\s+(seq_length|global_batch_size|hidden_size|padded_vocab_size) \.+ (\d+)\s*$"#)
        static let huggingFaceBanner = SharedRegex(literal: #"(Number of trainable parameters|Total train batch size \(w\. parallel, distributed & accumulation\)) = ([\d,]+)"#)
        static let nanoGPTTokens = SharedRegex(literal: #"tokens per iteration will be: ([\d,]+)"#)
        static let nanoGPTParameters = SharedRegex(literal: #"number of parameters: ([\d.]+)M"#)
        static let litgptParameters = SharedRegex(literal: #"Total parameters: ([\d,]+)"#)
        static let torchtitanParameters = SharedRegex(literal: #"size: ([\d,]+) total parameters"#)
        static let megatronRankParameters = SharedRegex(literal: #"number of parameters on \(tensor, pipeline\) model parallel rank \((\d+), (\d+)\): (\d+)"#)
        static let megatronTotalBillions = SharedRegex(literal: #"Total number of parameters in billions: ([\d.]+)"#)
    }

    static func matchLoss(_ format: Format, _ line: String) -> LossMatch? {
        guard line.contains("loss") else { return nil }
        switch format {
        case .nanoGPT:
            guard let m = Patterns.nanoGPT.firstMatch(in: line) else { return nil }
            return LossMatch(step: m.text(1, in: line)!, loss: m.text(2, in: line)!)
        case .litgpt:
            guard let m = Patterns.litgpt.firstMatch(in: line) else { return nil }
            return LossMatch(step: m.text(1, in: line)!, loss: m.text(2, in: line)!)
        case .torchtitan:
            guard let m = Patterns.torchtitan.firstMatch(in: line) else { return nil }
            return LossMatch(step: m.text(1, in: line)!, loss: m.text(2, in: line)!)
        case .megatron:
            // `|`-separated `key: value` pairs; which appear depends on flags and version.
            guard let m = Patterns.megatron.firstMatch(in: line), let rest = m.text(2, in: line) else { return nil }
            var pairs: [String: String] = [:]
            for part in rest.split(separator: "|") {
                guard let colon = part.lastIndex(of: ":") else { continue }
                pairs[part[..<colon].trimmingCharacters(in: .whitespaces)] = part[part.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            guard let loss = pairs["lm loss"] ?? pairs.first(where: { $0.key.hasSuffix(" loss") && !$0.key.contains("scale") })?.value
            else { return nil }
            return LossMatch(step: m.text(1, in: line)!, loss: loss, tokens: pairs["consumed samples"],
                             learningRate: pairs["learning rate"])
        }
    }

    mutating func parseSegment(_ segment: UnsafeBufferPointer<UInt8>, line lineNumber: Int, into outcome: inout ParseOutcome) {
        guard !segment.isEmpty else { return }
        let line = Self.withoutLauncherPrefix(Self.cleanLine(segment))
        readMetadata(line)
        var match: LossMatch?
        var format = "user pattern"
        if let user = userPattern, let m = user.regex.firstMatch(in: line) {
            match = LossMatch(step: m.text(named: "step", in: line) ?? "", loss: m.text(named: "loss", in: line) ?? "",
                              tokens: user.hasTokens ? m.text(named: "tokens", in: line) : nil,
                              learningRate: user.hasLearningRate ? m.text(named: "lr", in: line) : nil)
        } else {
            for f in formats {
                if let m = Self.matchLoss(f, line) { match = m; format = f.rawValue; break }
            }
        }
        guard let match else { return }
        guard let stepValue = Self.number(match.step), let step = WholeNumber.step(stepValue) else {
            outcome.problems.append((lineNumber, "\(format) line has step \"\(match.step)\", not a whole number ≥ 0"))
            return
        }
        guard let loss = Self.number(match.loss) else {
            outcome.problems.append((lineNumber, "\(format) line at step \(step) has loss \"\(match.loss)\", not a number"))
            return
        }
        guard loss.isFinite else {
            outcome.problems.append((lineNumber, "loss is \(loss.isNaN ? "NaN" : "infinite") at step \(step)"))
            return
        }
        var nonFinite = NonFiniteValues()
        var tokens = nonFinite.finite(match.tokens.flatMap(Self.number),
                                      format == Format.megatron.rawValue ? "consumed samples" : "tokens")
        if format == Format.megatron.rawValue {
            // Megatron counts samples: tokens = consumed samples × --seq-length, when the
            // argument dump said the sequence length (log-formats.md §6).
            tokens = megatronSequenceLength.flatMap { length in tokens.map { $0 * length } }
        }
        // nanoGPT's iter N has done N+1 iterations of `tokens per iteration` (log-formats.md §6).
        if tokens == nil, format == Format.nanoGPT.rawValue, let perIteration = metadata.tokensPerStep {
            tokens = Double(step + 1) * perIteration
        }
        let lr = nonFinite.finite(match.learningRate.flatMap(Self.number), "learning rate")
        outcome.append(MetricPoint(step: step, tokens: tokens, loss: loss, learningRate: lr),
                       leftOut: nonFinite.problem(atStep: step), at: lineNumber)
    }

    mutating func readMetadata(_ line: String) {
        if line.hasPrefix("  "), line.contains(" ...."), let m = Patterns.megatronArgument.firstMatch(in: line),
           let key = m.text(1, in: line), let v = m.text(2, in: line).flatMap(Self.number), v > 0 {
            // hidden_size and padded_vocab_size are kept for the vocabulary laws (PlanningMetadata).
            if key == "seq_length" { megatronSequenceLength = v } else if key == "global_batch_size" { megatronGlobalBatch = v }
            metadata.hyperparameters[key] = m.text(2, in: line)
            if let length = megatronSequenceLength, let batch = megatronGlobalBatch {
                metadata.tokensPerStep = length * batch
                metadata.hyperparameters["tokens_per_step_source"] = "Megatron-LM global_batch_size × seq_length"
            }
        }
        if line.contains("tokens per iteration"), let m = Patterns.nanoGPTTokens.firstMatch(in: line),
           let v = m.text(1, in: line).flatMap(Self.number), v > 0 {
            metadata.tokensPerStep = v
            metadata.hyperparameters["tokens_per_step_source"] = "nanoGPT tokens per iteration"
        }
        // HF Trainer's banner (log-formats.md §2.3): trainable parameters only (a LoRA run
        // trains a sliver of N), so kept as a hyperparameter, not as N.
        if line.contains(" = "), let m = Patterns.huggingFaceBanner.firstMatch(in: line),
           let key = m.text(1, in: line), let v = m.text(2, in: line).flatMap(Self.number) {
            metadata.hyperparameters[key.hasPrefix("Number") ? "trainable_parameters" : "total_train_batch_size"] = WholeNumber.text(v)
        }
        guard line.contains("arameters") else { return }
        func setParameters(_ n: Double, _ source: String) {
            guard n > 0, n.isFinite else { return }
            metadata.parameters = n
            metadata.hyperparameters["parameters_source"] = source
        }
        if let m = Patterns.nanoGPTParameters.firstMatch(in: line), let v = m.text(1, in: line).flatMap(Self.number) {
            setParameters(v * 1e6, "nanoGPT number of parameters (2 decimals in millions; excludes position embeddings)")
        } else if let m = Patterns.litgptParameters.firstMatch(in: line), let v = m.text(1, in: line).flatMap(Self.number) {
            setParameters(v, "litgpt Total parameters")
        } else if let m = Patterns.torchtitanParameters.firstMatch(in: line), let v = m.text(1, in: line).flatMap(Self.number) {
            setParameters(v, "torchtitan model size")
        } else if let m = Patterns.megatronTotalBillions.firstMatch(in: line), let v = m.text(1, in: line).flatMap(Self.number) {
            setParameters(v * 1e9, "Megatron-LM total number of parameters in billions")
        } else if let m = Patterns.megatronRankParameters.firstMatch(in: line),
                  let t = m.text(1, in: line), let p = m.text(2, in: line), let v = m.text(3, in: line).flatMap(Self.number) {
            megatronRankParameters["\(t),\(p)"] = v
            setParameters(megatronRankParameters.values.reduce(0, +),
                          "Megatron-LM parameters summed over \(megatronRankParameters.count) model-parallel rank(s)")
        }
    }
}
