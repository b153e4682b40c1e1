import RunIngest

/// A server run as scaletop's `Run`: its name, metadata and points, from what MLflow
/// returned. Pure.
public enum ServerRunAssembly {
    /// The run's display name: its MLflow run name (or the start of its id when it has none),
    /// after its experiment's name when the study spans several experiments.
    public static func name(of run: MLflowRun, experimentName: String?, withExperiment: Bool) -> String {
        let own = run.name ?? String(run.id.prefix(8))
        guard withExperiment else { return own }
        return (experimentName ?? run.experimentID) + "/" + own
    }

    /// The file store's metadata: params as `RunConfigMetadata` reads them (N, tokens per
    /// step, planned steps, the rest as hyperparameters), under it what the run's name says,
    /// and the run's end from its status; the source is the run's page in the MLflow UI.
    public static func metadata(of run: MLflowRun, name: String, uri: TrackingURI) -> RunMetadata {
        let source = uri.url("/#/experiments/\(run.experimentID)/runs/\(run.id)")
        var metadata = MLflowRunFolder.metadata(params: run.params, source: run.params.isEmpty ? nil : source)
            .filled(from: RunNamePatterns.metadata(fromRunName: run.name ?? name))
        // How it ended, as for the file store and the database: FINISHED is done, FAILED and
        // KILLED a failure, RUNNING nothing yet.
        metadata.end = MLflowRunFolder.end(status: run.status, endTime: run.endTime.map { Double($0) / 1000 })
        return metadata
    }

    /// Seconds since the epoch of the run's newest logged value (its start when it has none):
    /// what tells a live run from a stale one.
    public static func lastModified(of run: MLflowRun) -> Double? {
        let newest = run.latestMetrics.values.map(\.timestamp).max() ?? run.startTime
        return newest.map { Double($0) / 1000 }
    }

    /// Loss records as points, each with the learning rate, tokens and FLOPs logged at its
    /// step attached when known; NaN and infinite losses are problems, as in every format.
    public static func points(fromLoss records: [MLflowMetric], keys: RunMetricKeys,
                              pending: [String: [Int64: Double]]) -> (points: [MetricPoint], problems: [String]) {
        var points: [MetricPoint] = []
        points.reserveCapacity(records.count)
        var problems: [String] = []
        let rates = keys.learningRate.flatMap { pending[$0] } ?? [:]
        let tokens = keys.tokens.flatMap { pending[$0] } ?? [:]
        let flops = keys.flops.flatMap { pending[$0] } ?? [:]
        for record in records {
            guard record.hasFiniteValue else {
                problems.append("\(record.key) is \(record.value.isNaN ? "NaN" : "infinite") at step \(record.step)")
                continue
            }
            points.append(MetricPoint(step: Int(record.step), tokens: tokens[record.step], flops: flops[record.step],
                                      loss: record.value, learningRate: rates[record.step],
                                      wallTime: Double(record.timestamp) / 1000))
        }
        return (points, problems)
    }
}
