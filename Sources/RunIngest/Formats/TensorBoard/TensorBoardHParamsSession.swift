/// TensorBoard's hparams session written beside a run rather than in its own files:
/// tensorboardX's and PyTorch's `SummaryWriter.add_hparams` open a second writer in a
/// sub-folder of the run's folder (named `str(time.time())` unless given a name) and write
/// the session there (experiment, start info with the hyperparameters, end info with the
/// status) and the metrics passed with it. That folder is the run's metadata, not a run.
/// Pure: event-file bytes in, a verdict or metadata out.
public enum TensorBoardHParamsSession {
    /// How much of an event file is read to recognise a session: the writer puts the
    /// session's three summaries first.
    public static let recognitionBytes = 64 << 10

    public enum Verdict: Sendable, Equatable {
        /// hparams records (the experiment, a session) and values at one step at most (what
        /// `add_hparams` writes: the session and its metric values): a run's metadata.
        case session
        /// hparams records and a curve (values at several steps): a run that records its own
        /// hparams (in another run's folder, still that run's session).
        case runWithSession
        /// Records, but no session: a run of its own.
        case run
        /// Nothing written yet but the file-version record a writer puts first (which a
        /// session's file also starts with): ask again when the files grow.
        case undecided
    }

    /// What the first bytes of a folder's event files say it is (read with
    /// `TensorBoardScalarReader`, so only complete records count).
    public static func verdict(firstBytes files: [[UInt8]]) -> Verdict {
        var session = false, content = false
        var steps = Set<Int64>()
        for bytes in files {
            var reader = TensorBoardScalarReader()
            let batch = reader.read(bytes)
            // The experiment summary `add_hparams` writes first counts: the session start
            // may not be written yet.
            if !batch.hparams.isEmpty || batch.hparamsValues > 0 { session = true }
            // A record too long to end inside the bytes read (a 300 KB graph) is content too:
            // a session's records are small.
            if batch.contentRecords > 0 || (bytes.count >= recognitionBytes && batch.consumedBytes < bytes.count) {
                content = true
            }
            steps.formUnion(batch.scalars.map(\.step))
        }
        if session { return steps.count > 1 ? .runWithSession : .session }
        return content ? .run : .undecided
    }

    /// A run's metadata from its session folders' event files, read whole, oldest folder
    /// first: the latest session's values win.
    public static func metadata(sessions: [[UInt8]], tags: TensorBoardTags = .standard) -> RunMetadata? {
        var metadata: RunMetadata?
        for bytes in sessions {
            var parser = TensorBoardEventParser(tags: tags)
            if let found = parser.parse(bytes).metadata { metadata = found.filled(from: metadata) }
        }
        return metadata
    }
}
