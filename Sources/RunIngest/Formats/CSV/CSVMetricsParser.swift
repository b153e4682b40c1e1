/// A CSV metrics file that grows by appending rows: a header row, then one row per log
/// call, any column names (`MetricColumns`, e.g. from a user's `step=iter,loss=train/loss`).
/// Quoted fields, empty cells and `nan`/`inf` are handled; fields are split by the same
/// `CSVRecordSplitter` as `CSVTable`.
///
/// Stateful: the header read in the first call (the one with `firstRecord == 1`) is kept
/// for the rows that follow. A last row without its line ending is left unconsumed.
public struct CSVMetricsParser: AppendingLogParser {
    public var columns: MetricColumns
    /// The header row, once read.
    public private(set) var header: [String]?
    private var resolved: CSVMetricColumns?
    /// Whether the first call began at the file's first line, where the header is.
    private var readFromStart: Bool?

    public init(columns: MetricColumns = .standard) {
        self.columns = columns
    }

    /// Whether a file may be a CSV metrics log: any `*.csv`. Ask `LightningMetricsParser.isRun`
    /// first (its `metrics.csv` is rewritten whole, so it needs that parser); a CSV with no
    /// step or loss column yields one problem at line 1 and no points.
    public static func isMetricsFile(fileName: String) -> Bool {
        fileName.lowercased().hasSuffix(".csv")
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        var outcome = ParseOutcome()
        let split = CSVRecordSplitter.split(bytes, firstLine: firstRecord, final: false)
        outcome.consumedBytes = split.consumedBytes
        outcome.consumedRecords = split.consumedLines
        var records = split.records[...]
        if readFromStart == nil { readFromStart = firstRecord == 1 }
        if header == nil {
            guard let first = records.first else { return outcome }
            guard readFromStart == true else {
                outcome.problems.append((first.line, "rows arrived before the header row; the file must be read from its start"))
                return outcome
            }
            let names = first.fields.map(\.trimmingSpaces)
            header = names
            records = records.dropFirst()
            switch CSVMetricColumns.resolve(header: names, columns: columns) {
            case .success(let r): resolved = r
            case .failure(let error): outcome.problems.append((first.line, error.description))
            }
        }
        // Without a step and loss column every row is unusable; that was said once, at the header.
        guard let resolved else { return outcome }
        for record in records {
            switch resolved.point(record.fields) {
            case .point(let p, let problem): outcome.append(p, leftOut: problem, at: record.line)
            case .skip: break
            case .problem(let message): outcome.problems.append((record.line, message))
            }
        }
        return outcome
    }
}
