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
        /// The files hold an hparams session start: the folder is its parent run's metadata.
        case session
        /// Records, but no session: a run of its own.
        case run
        /// Nothing written yet (a writer flushes late): ask again when the files grow.
        case undecided
    }

    /// What the first bytes of a folder's event files say it is.
    public static func verdict(firstBytes files: [[UInt8]]) -> Verdict {
        var sawRecord = false
        for bytes in files {
            var reader = TensorBoardScalarReader()
            let batch = reader.read(bytes)
            if !batch.hparams.isEmpty { return .session }
            if batch.consumedRecords > 0 { sawRecord = true }
        }
        return sawRecord ? .run : .undecided
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
