import Dispatch

/// The next chunk of a large log, read and parsed on another thread while the tailer's thread
/// stores the chunk before it in the run. Storing is sequential (a run is one value, and its
/// points must go in in order), and while it ran the second core sat idle: a third of loading
/// a 189 MB JSONL log (perf, issue 16).
///
/// Only for parsers that consume whole lines, whose next chunk starts where the current one
/// ended. The parser as it was after the current chunk is handed over, and the one after the
/// next chunk comes back, so a parser with state between chunks would still see them in order.
final class ChunkParseAhead: @unchecked Sendable {   // `result` is set before `done` is left and read after it is waited on; `shared` likewise with `started`
    struct Parsed {
        /// Bytes read (the chunk's size; 0 at the end of the file).
        var count: Int
        var outcome: ParseOutcome
        var parser: any AppendingLogParser
    }

    /// Where the chunk starts in the file.
    let offset: Int
    private let done = DispatchGroup()
    private var result: Result<Parsed, ReadOnlyFile.Failure>?
    /// Signalled once: when the chunk's parse is under way in parts (`shared` set before) or,
    /// failing that, when the job is over.
    private let started = DispatchSemaphore(value: 0)
    private var shared: PartedParse?

    /// Start reading through `reader` from `offset` and parsing with `parser`. Nothing else may
    /// use `reader` until `wait()` has returned.
    init(reader: ChunkReader, offset: Int, parser: any AppendingLogParser, firstRecord: Int) {
        self.offset = offset
        done.enter()
        DispatchQueue.global().async { [self] in
            var announced = false
            result = Result { () throws(ReadOnlyFile.Failure) in
                try readAndParse(reader: reader, parser: parser, firstRecord: firstRecord, announced: &announced)
            }
            if !announced { started.signal() }
            done.leave()
        }
    }

    /// The chunk and its outcome, once both are ready. The calling thread helps with the
    /// parse's parts meanwhile: it has nothing else to do.
    func wait() -> Result<Parsed, ReadOnlyFile.Failure> {
        started.wait()
        shared?.work()
        done.wait()
        return result!
    }

    private func readAndParse(reader: ChunkReader, parser: any AppendingLogParser, firstRecord: Int,
                              announced: inout Bool) throws(ReadOnlyFile.Failure) -> Parsed {
        let chunk = try reader.read(from: offset)
        if !chunk.isEmpty, let parts = parser.sharedParse(chunk, firstRecord: firstRecord) {
            shared = parts
            announced = true
            started.signal()
            return Parsed(count: chunk.count, outcome: parts.outcome(), parser: parser)
        }
        var parser = parser
        let outcome = chunk.isEmpty ? ParseOutcome() : parser.parse(chunk, firstRecord: firstRecord)
        return Parsed(count: chunk.count, outcome: outcome, parser: parser)
    }
}
