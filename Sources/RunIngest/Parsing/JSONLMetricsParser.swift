import ScalingLaws

/// Turns the bytes of a JSONL metrics file into points and located errors. Pure: it never
/// touches a file, so the tailer can feed it whatever it read and tests can feed it bytes.
///
/// Only complete lines are consumed; a last line without its newline is left for the next
/// call (the writer may be half-way through it).
public struct JSONLMetricsParser: AppendingLogParser {
    public let columns: MetricColumns
    private let keyTable: KeyTable

    /// Every complete line is consumed (a bad one is reported, not left), so the tailer may
    /// read ahead from the last newline of a chunk.
    public static var consumesWholeLines: Bool { true }

    public init(columns: MetricColumns = .standard) {
        self.columns = columns
        keyTable = KeyTable.shared(columns)
    }

    /// Parse the complete lines in `bytes`, numbering them from `firstLine`. A large read (a
    /// log's first load) is parsed in parts at once: see `JSONLMetricsParser+Halves`.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        if bytes.count >= Self.halvingThreshold,
           let outcome = parseInParts(bytes, firstRecord: firstRecord, parts: Self.partCount) {
            return outcome
        }
        return parseInOrder(bytes, firstRecord: firstRecord)
    }

    func parseInOrder(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        var outcome = ParseOutcome()
        guard let base = bytes.baseAddress else { return outcome }
        // Room for a point per 24 bytes (`{"step": 1, "loss": 2.5}` is 25 with its newline):
        // one allocation, not a regrowth and copy of every point so far (a line of 31 bytes
        // regrew a quarter-sized reserve twice per chunk: 1% of loading 1e8 points, perf).
        // The reserve lives as long as the chunk's outcome (~5 MB at most for 2 MiB).
        outcome.points.reserveCapacity(bytes.count / 24)
        var shape = JSONLineShape()
        var start = 0
        var number = firstRecord
        withUnsafeTemporaryAllocation(of: Double.self, capacity: KeyTable.roleCount) { values in
            let values = values.baseAddress!
            // Line by line, as `CompleteLines` cuts them, but a line the shape reads is found
            // by the shape: its closing `}` and newline end it, with no search for the newline.
            while start < bytes.count {
                let rest = UnsafeBufferPointer(start: base + start, count: bytes.count - start)
                let result: LineResult
                let length: Int, next: Int
                if rest[0] == UInt8(ascii: "{"), let end = shape.read(rest, into: values), end < rest.count {
                    length = end
                    next = end + (rest[end] == 0x0A ? 1 : 2)
                    let line = UnsafeBufferPointer(start: rest.baseAddress, count: length)
                    result = shapedResult(values, roles: shape.roles) ?? parseLineGenerally(line, shape: &shape)
                } else {
                    guard let found = CompleteLines.first(in: rest) else { break }
                    (length, next) = found
                    let line = UnsafeBufferPointer(start: rest.baseAddress, count: length)
                    // A line the shape has just missed is not offered to it again (one miss
                    // counted, as `parseLine` counts it).
                    result = rest[0] == UInt8(ascii: "{") && shape.isLearned
                        ? parseLineGenerally(line, shape: &shape) : parseLine(line, shape: &shape)
                }
                outcome.add(result, at: number)
                start += next
                number += 1
            }
        }
        outcome.consumedBytes = start
        outcome.consumedRecords = number - firstRecord
        return outcome
    }

    /// JSONL needs no state between calls, so it can parse through a `let`.
    public func parse(_ bytes: [UInt8], firstRecord: Int = 1) -> ParseOutcome {
        bytes.withUnsafeBufferPointer { parse($0, firstRecord: firstRecord) }
    }

    enum LineResult: Equatable {
        /// A point, and a problem when a value was left out of it (`NonFiniteValues`).
        case point(MetricPoint, problem: String?)
        case skip
        case problem(String)
    }

    /// One line, through `shape` when the line has it (`JSONLineShape`), the general way
    /// otherwise: both find the same values.
    func parseLine(_ line: UnsafeBufferPointer<UInt8>, shape: inout JSONLineShape) -> LineResult {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .skip }
        let shaped = withUnsafeTemporaryAllocation(of: Double.self, capacity: KeyTable.roleCount) { values -> LineResult? in
            guard shape.read(line, into: values.baseAddress!) != nil else { return nil }
            return shapedResult(values.baseAddress!, roles: shape.roles)
        }
        return shaped ?? parseLineGenerally(line, shape: &shape)
    }

    /// What a line read through the shape gives, from its values; nil when the general way
    /// must read it to word its problem.
    @inline(__always)
    private func shapedResult(_ values: UnsafeMutablePointer<Double>, roles: UInt8) -> LineResult? {
        if let point = Self.plainPoint(UnsafePointer(values), roles: roles) { return .point(point, problem: nil) }
        if roles & 1 << KeyTable.loss == 0 { return .skip }
        // A value the point cannot take as it is (infinite, a step that is not whole) or
        // no step: the general way reads the same values and words the problem.
        return nil
    }

    /// A line the shape did not read (or read, but left to this to word a problem): the
    /// general scanner, then the shape learns the line if it is due to.
    private func parseLineGenerally(_ line: UnsafeBufferPointer<UInt8>, shape: inout JSONLineShape) -> LineResult {
        // For each role, the value of its best-ranked key present (lower rank wins).
        // On the stack: one small array per line would cost an allocation per line.
        let result = withUnsafeTemporaryAllocation(of: Found?.self, capacity: KeyTable.roleCount) { found in
            found.initialize(repeating: nil)
            return Self.parseLine(line, found: found, keyTable: keyTable, columns: columns)
        }
        shape.learnIfDue(line, keyTable: keyTable)
        return result
    }

    /// The point of a shaped line's values (NaN: the shape has no member for the role), when
    /// it has a step and a loss and every value goes into a point as it is; nil otherwise.
    @inline(__always)
    private static func plainPoint(_ values: UnsafePointer<Double>, roles: UInt8) -> MetricPoint? {
        let stepAndLoss: UInt8 = 1 << KeyTable.step | 1 << KeyTable.loss
        guard roles & stepAndLoss == stepAndLoss else { return nil }
        // A plain number is never NaN, so NaN here is an absent value; infinite ones (1e400)
        // need the problem the general way words.
        let loss = values[KeyTable.loss]
        guard loss.isFinite, let step = WholeNumber.step(values[KeyTable.step]) else { return nil }
        let tokens = values[KeyTable.tokens], flops = values[KeyTable.flops]
        let learningRate = values[KeyTable.learningRate], wallTime = values[KeyTable.wallTime]
        guard !tokens.isInfinite, !flops.isInfinite, !learningRate.isInfinite, !wallTime.isInfinite else { return nil }
        return MetricPoint(step: step, loss: loss, absentAsNaN: (tokens, flops, learningRate, wallTime))
    }

    /// Static, taking what it needs: the per-line closures then capture one reference, not
    /// a copy of the whole parser (a retain of each of its arrays per line).
    private static func parseLine(_ line: UnsafeBufferPointer<UInt8>, found: UnsafeMutableBufferPointer<Found?>,
                                  keyTable: KeyTable, columns: MetricColumns) -> LineResult {
        var malformedKey: String?
        do {
            // Only keys of the columns are read, and of those only ones that outrank what
            // the line already gave (`loss` before `eval_loss`).
            try FlatJSONObject.visit(line, select: { key, keyEscaped -> (role: Int, rank: Int)? in
                guard let (role, rank) = keyTable.lookup(key, escaped: keyEscaped) else { return nil }
                if let current = found[role], current.rank <= rank { return nil }
                return (role, rank)
            }) { member, value in
                let number: Double?
                switch value {
                case .number(let raw):
                    guard let v = raw.value else {
                        malformedKey = KeyTable.roles(of: columns)[member.role][member.rank]
                        return
                    }
                    number = v
                case .special(let v): number = v
                case .string(let raw, let escaped): number = Double(FlatJSONObject.text(raw, hasEscapes: escaped))
                case .null, .bool: number = nil
                }
                found[member.role] = Found(rank: member.rank, value: number)
            }
        } catch {
            return .problem("not a JSON object: \(error.description)")
        }
        if let malformedKey { return .problem("\(malformedKey) is not a number") }
        return point(found: found, columns: columns)
    }

    /// The point of a line's values (`found`), or why the line gives none.
    private static func point(found: UnsafeMutableBufferPointer<Found?>, columns: MetricColumns) -> LineResult {
        // A line with no loss at all (a header, an eval-only line, LLaMA-Factory's closing
        // `"loss": null`) is not an error: it just carries no point.
        guard let loss = found[KeyTable.loss], let lossValue = loss.value else { return .skip }
        guard let step = found[KeyTable.step], let stepValue = step.value else {
            return .problem("has a loss but no step (looked for \(columns.step.prefix(4).joined(separator: ", ")))")
        }
        guard let stepNumber = WholeNumber.step(stepValue) else {
            return .problem("step \(stepValue) is not a whole number ≥ 0")
        }
        guard lossValue.isFinite else {
            return .problem("\(columns.loss[loss.rank]) is \(lossValue.isNaN ? "NaN" : "infinite") at step \(stepNumber)")
        }
        var nonFinite = NonFiniteValues()
        func finite(_ role: Int) -> Double? {
            guard let f = found[role] else { return nil }
            return nonFinite.finite(f.value, KeyTable.roles(of: columns)[role][f.rank])
        }
        let point = MetricPoint(step: stepNumber, tokens: finite(KeyTable.tokens), flops: finite(KeyTable.flops),
                                loss: lossValue, learningRate: finite(KeyTable.learningRate),
                                wallTime: finite(KeyTable.wallTime))
        return .point(point, problem: nonFinite.problem(atStep: stepNumber))
    }

    struct Found {
        var rank: Int
        var value: Double?
    }
}

extension ParseOutcome {
    /// A line's result, from `record`: its point (with the problem of a value left out of it),
    /// its problem, or nothing.
    @inline(__always)   // in `parseInOrder`'s loop: taking the result whole, not copying it per line
    mutating func add(_ result: consuming JSONLMetricsParser.LineResult, at record: Int) {
        switch result {
        case .point(let p, let problem): append(p, leftOut: problem, at: record)
        case .skip: break
        case .problem(let message): problems.append((record, message))
        }
    }
}
