/// Lightning's `CSVLogger` `metrics.csv` (`<save_dir>/<name>/version_N/metrics.csv`),
/// parsed whole because Lightning ≥ 2.1 rewrites it with a new header when a column first
/// appears (log-formats.md §3). Rows carry only some columns: a training row has
/// `train_loss_step`, a validation row `val_loss`, an epoch row `*_epoch`; each choice of
/// series takes the rows that have its loss.
public struct LightningMetricsParser: WholeFileLogParser {
    public static let metricsFileName = "metrics.csv"
    public static let hyperparametersFileName = "hparams.yaml"

    public enum Series: String, Sendable, CaseIterable {
        /// Per-step training loss.
        case training
        /// Validation loss (rows sharing the step of the last training batch).
        case validation
    }

    public var series: Series
    public var columns: MetricColumns

    /// `columns` defaults to Lightning's names for `series`; pass a user mapping to override.
    public init(series: Series = .training, columns: MetricColumns? = nil) {
        self.series = series
        self.columns = columns ?? Self.defaultColumns(series)
    }

    /// Lightning's names: `self.log("train_loss", on_step=True, on_epoch=True)` gives
    /// `train_loss_step` and `train_loss_epoch`; plain `self.log("loss")` gives `loss`.
    public static func defaultColumns(_ series: Series) -> MetricColumns {
        var c = MetricColumns.standard
        c.step = ["step", "trainer/global_step", "global_step"]
        switch series {
        case .training:
            c.loss = ["train_loss_step", "train_loss", "loss_step", "loss", "train/loss", "training_loss", "train_loss_epoch"]
        case .validation:
            c.loss = ["val_loss", "val/loss", "val_loss_epoch", "validation_loss", "valid_loss", "eval_loss"]
        }
        c.wallTime = []
        return c
    }

    /// Whether `fileName` inside a folder holding `siblingNames` is a Lightning CSV log:
    /// `metrics.csv` beside `hparams.yaml`, or in a `version_N` folder.
    public static func isRun(fileName: String, folderName: String, siblingNames: [String]) -> Bool {
        fileName == metricsFileName
            && (siblingNames.contains(hyperparametersFileName) || LightningVersions.versionNumber(folderName) != nil)
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParseOutcome {
        var outcome = ParseOutcome()
        // Python's csv module ends every row with "\r\n", so a last row without its line
        // ending is one being written (or a rewrite in progress): it is left unconsumed
        // (`consumedBytes < bytes.count`), not reported, and read whole next time.
        let split = CSVRecordSplitter.split(bytes, firstLine: 1, final: false)
        outcome.consumedBytes = split.consumedBytes
        outcome.consumedRecords = split.consumedLines
        guard let first = split.records.first else { return outcome }
        var resolvedColumns = columns
        if resolvedColumns.mappedColumn(.learningRate) == nil,
           let lr = Self.learningRateColumn(first.fields.map(\.trimmingSpaces)) {
            resolvedColumns.learningRate = [lr] + resolvedColumns.learningRate
        }
        let resolved: CSVMetricColumns
        switch CSVMetricColumns.resolve(header: first.fields.map(\.trimmingSpaces), columns: resolvedColumns) {
        case .success(let r): resolved = r
        case .failure(let error):
            outcome.problems.append((first.line, error.description))
            return outcome
        }
        for record in split.records.dropFirst() {
            switch resolved.point(record.fields) {
            case .point(let p, let problem): outcome.append(p, leftOut: problem, at: record.line)
            case .skip: break
            case .problem(let message): outcome.problems.append((record.line, message))
            }
        }
        return outcome
    }

    /// `LearningRateMonitor`'s column: `lr-<Optimizer>` (first param group), not its
    /// `-momentum` or `-weight_decay` companions.
    static func learningRateColumn(_ header: [String]) -> String? {
        header.first { $0.hasPrefix("lr-") && !$0.hasSuffix("-momentum") && !$0.hasSuffix("-weight_decay") && !$0.contains("/pg") }
    }
}
