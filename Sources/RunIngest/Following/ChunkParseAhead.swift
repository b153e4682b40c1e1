import Dispatch

/// The next chunk of a large log, read and parsed on another thread while the tailer's thread
/// stores the chunk before it in the run. Storing is sequential (a run is one value, and its
/// points must go in in order), and while it ran the second core sat idle: a third of loading
/// a 189 MB JSONL log (perf, issue 16).
///
/// Only for parsers that consume whole lines, whose next chunk starts where the current one
/// ended. The parser as it was after the current chunk is handed over, and the one after the
/// next chunk comes back, so a parser with state between chunks would still see them in order.
final class ChunkParseAhead: @unchecked Sendable {   // `result` is set before `done` is left and read after it is waited on
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

    /// Start reading through `reader` from `offset` and parsing with `parser`. Nothing else may
    /// use `reader` until `wait()` has returned.
    init(reader: ChunkReader, offset: Int, parser: any AppendingLogParser, firstRecord: Int) {
        self.offset = offset
        done.enter()
        DispatchQueue.global().async { [self] in
            result = Result { () throws(ReadOnlyFile.Failure) in
                try Self.readAndParse(reader: reader, offset: offset, parser: parser, firstRecord: firstRecord)
            }
            done.leave()
        }
    }

    /// The chunk and its outcome, once both are ready.
    func wait() -> Result<Parsed, ReadOnlyFile.Failure> {
        done.wait()
        return result!
    }

    private static func readAndParse(reader: ChunkReader, offset: Int, parser: any AppendingLogParser,
                                     firstRecord: Int) throws(ReadOnlyFile.Failure) -> Parsed {
        let chunk = try reader.read(from: offset)
        var parser = parser
        let outcome = chunk.isEmpty ? ParseOutcome() : parser.parse(chunk, firstRecord: firstRecord)
        return Parsed(count: chunk.count, outcome: outcome, parser: parser)
    }
}
