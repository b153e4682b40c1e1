/// Turns the bytes of a JSONL metrics file into points and located errors. Pure: it never
/// touches a file, so the tailer can feed it whatever it read and tests can feed it bytes.
///
/// Only complete lines are consumed; a last line without its newline is left for the next
/// call (the writer may be half-way through it).
public struct JSONLMetricsParser: AppendingLogParser {
    public var columns: MetricColumns

    public init(columns: MetricColumns = .standard) {
        self.columns = columns
    }

    /// Parse the complete lines in `bytes`, numbering them from `firstLine`.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        var outcome = ParseOutcome()
        var lineStart = 0
        var lineNumber = firstRecord
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            var end = i
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }   // CRLF
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
            switch parseLine(line) {
            case .point(let p): outcome.points.append((lineNumber, p))
            case .skip: break
            case .problem(let message): outcome.problems.append((lineNumber, message))
            }
            lineStart = i + 1
            lineNumber += 1
        }
        outcome.consumedBytes = lineStart
        outcome.consumedRecords = lineNumber - firstRecord
        return outcome
    }

    /// JSONL needs no state between calls, so it can parse through a `let`.
    public func parse(_ bytes: [UInt8], firstRecord: Int = 1) -> ParseOutcome {
        bytes.withUnsafeBufferPointer { parse($0, firstRecord: firstRecord) }
    }

    enum LineResult {
        case point(MetricPoint)
        case skip
        case problem(String)
    }

    func parseLine(_ line: UnsafeBufferPointer<UInt8>) -> LineResult {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .skip }
        let members: [(key: String, value: JSONScalar)]
        do {
            members = try FlatJSONObject.parse(line)
        } catch {
            return .problem("not a JSON object: \(error.description)")
        }
        func number(_ keys: [String]) -> (key: String, value: Double?)? {
            for key in keys {
                guard let member = members.first(where: { $0.key == key }) else { continue }
                switch member.value {
                case .number(let v): return (key, v)
                case .string(let s): return (key, Double(s))
                case .null, .bool: return (key, nil)
                }
            }
            return nil
        }
        // A line with no loss at all (a header, an eval-only line, LLaMA-Factory's closing
        // `"loss": null`) is not an error: it just carries no point.
        guard let loss = number(columns.loss), let lossValue = loss.value else { return .skip }
        guard let step = number(columns.step), let stepValue = step.value else {
            return .problem("has a loss but no step (looked for \(columns.step.prefix(4).joined(separator: ", ")))")
        }
        guard stepValue.isFinite, stepValue >= 0, stepValue == stepValue.rounded(), stepValue < 9e15 else {
            return .problem("step \(stepValue) is not a whole number ≥ 0")
        }
        guard lossValue.isFinite else {
            return .problem("\(loss.key) is \(lossValue.isNaN ? "NaN" : "infinite") at step \(Int(stepValue))")
        }
        func finite(_ keys: [String]) -> Double? {
            guard let v = number(keys)?.value, v.isFinite else { return nil }
            return v
        }
        return .point(MetricPoint(step: Int(stepValue), tokens: finite(columns.tokens), flops: finite(columns.flops),
                                  loss: lossValue, learningRate: finite(columns.learningRate),
                                  wallTime: finite(columns.wallTime)))
    }
}
