/// What a parser made of some bytes of a log. Parsers are pure: bytes in, this out. The
/// tailer and follower are the only code that reads files.
public struct ParseOutcome: Sendable {
    /// Points with the 1-based record (line, for text formats) each came from.
    public var points: [(record: Int, point: MetricPoint)] = []
    /// Records that could not be used: 1-based record number and a message.
    public var problems: [(record: Int, message: String)] = []
    /// Run metadata found inside the log itself (TensorBoard hparams, a W&B config record…).
    public var metadata: RunMetadata?
    /// Bytes consumed: everything up to the end of the last complete record.
    public var consumedBytes = 0
    /// Complete records consumed (blank lines included), to keep numbering right.
    public var consumedRecords = 0

    public init() {}

    /// A point from `record`, and the problem of a value left out of it (`NonFiniteValues`)
    /// at the same record, if there was one.
    mutating func append(_ point: MetricPoint, leftOut problem: String?, at record: Int) {
        points.append((record, point))
        if let problem { problems.append((record, problem)) }
    }
}

/// The points of a `ParseOutcome` without their records, as the block path of `Run.append(contentsOf:)`
/// takes them: reading an element is reading the array (a lazy map called its closure for
/// each of the columns' several passes over the points, perf, issue 16).
struct OutcomePoints: RandomAccessCollection {
    let outcome: [(record: Int, point: MetricPoint)]
    var startIndex: Int { 0 }
    var endIndex: Int { outcome.count }
    subscript(i: Int) -> MetricPoint { outcome[i].point }
}

extension ParseOutcome {
    var pointsAlone: OutcomePoints { OutcomePoints(outcome: points) }
}

/// A log that grows by appending (JSONL, CSV, TFRecord, .wandb, stdout). The tailer feeds
/// whatever is new since the last call, starting at a record boundary; a trailing partial
/// record must be left unconsumed (the writer is half-way through it) and is offered again
/// with more bytes next time.
public protocol AppendingLogParser: Sendable {
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome
    /// True when `parse` always consumes exactly the bytes up to the last newline it was
    /// given: the tailer can then read the next chunk before this one is parsed.
    static var consumesWholeLines: Bool { get }
    /// The parse of `bytes` as parts other threads can help with, or nil to parse them with
    /// `parse` (a small read, or a parser that reads in one pass). Only for a parser with no
    /// state between calls: the tailer's read-ahead helps with it (`ChunkParseAhead`).
    func sharedParse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> PartedParse?
}

extension AppendingLogParser {
    public static var consumesWholeLines: Bool { false }
    public func sharedParse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> PartedParse? { nil }
}

/// A log rewritten whole on every save (HF `trainer_state.json`, Lightning's `metrics.csv`
/// when a column appears): parsed from scratch each time it changes.
public protocol WholeFileLogParser: Sendable {
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParseOutcome
}

extension AppendingLogParser {
    public mutating func parse(_ bytes: [UInt8], firstRecord: Int = 1) -> ParseOutcome {
        bytes.withUnsafeBufferPointer { parse($0, firstRecord: firstRecord) }
    }
}

extension WholeFileLogParser {
    public func parse(_ bytes: [UInt8]) -> ParseOutcome {
        bytes.withUnsafeBufferPointer { parse($0) }
    }
}
