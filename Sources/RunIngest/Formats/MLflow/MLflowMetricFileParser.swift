/// One metric file of an MLflow file-store run (`mlruns/<exp>/<run>/metrics/<key>`, nested
/// keys in sub-folders): append-only lines `<timestamp_ms> <value> <step>`, optionally
/// followed by a dataset name and digest; legacy two-field lines mean step 0
/// (shared/log-formats.md §4). Pure: bytes in, points out.
///
/// A metric file is one series, so each point's `loss` holds that metric's value and
/// `wallTime` its timestamp in seconds; `MLflowRunFolder.points(loss:learningRate:tokens:)`
/// puts a run's loss, learning-rate and token series together by step. A NaN or infinite
/// value is a problem (MLflow writes Python's `nan`, `inf`, `-inf`); the rest keeps loading.
public struct MLflowMetricFileParser: AppendingLogParser {
    /// The metric's key (`train/loss`), for messages.
    public var key: String

    public init(key: String) {
        self.key = key
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        var outcome = ParseOutcome()
        (outcome.consumedBytes, outcome.consumedRecords) = CompleteLines.forEach(in: bytes, firstRecord: firstRecord) { line, number in
            switch parseLine(String(decoding: line, as: UTF8.self)) {
            case .point(let p)?: outcome.points.append((number, p))
            case .problem(let message)?: outcome.problems.append((number, message))
            case nil: break
            }
        }
        return outcome
    }

    /// JSONL-like: no state between calls, so a `let` parser works too.
    public func parse(_ bytes: [UInt8], firstRecord: Int = 1) -> ParseOutcome {
        bytes.withUnsafeBufferPointer { parse($0, firstRecord: firstRecord) }
    }

    enum LineResult {
        case point(MetricPoint)
        case problem(String)
    }

    func parseLine(_ line: String) -> LineResult? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.isEmpty { return nil }
        guard fields.count >= 2 else {
            return .problem("expected '<timestamp_ms> <value> <step>', found \(fields.count) field")
        }
        guard let milliseconds = Double(fields[0]), milliseconds.isFinite else {
            return .problem("timestamp '\(fields[0].prefix(40))' is not a number of milliseconds")
        }
        guard let value = Double(fields[1]) else {
            return .problem("value '\(fields[1].prefix(40))' is not a number")
        }
        var step = 0
        if fields.count >= 3 {
            guard let s = Int(fields[2]), s >= 0 else {
                return .problem("step '\(fields[2].prefix(40))' is not a whole number ≥ 0")
            }
            step = s
        }
        guard value.isFinite else {
            return .problem("\(key) is \(value.isNaN ? "NaN" : "infinite") at step \(step)")
        }
        return .point(MetricPoint(step: step, loss: value, wallTime: milliseconds / 1000))
    }
}
