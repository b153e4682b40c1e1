import RunIngest

/// What one server run needs after a listing: whether its name, metadata or status
/// changed, and which metrics to read anew. Pure: the run as last read and as listed now in,
/// a plan out.
///
/// A metric needs reading when its latest value (MLflow's latest by step, then time) is
/// not the one seen at the last read. A run that logs earlier steps again (a restart from a
/// checkpoint) does not move its latest until it passes its old last step; its re-logged
/// values are read then, in the order they were logged.
public struct RunPlan: Sendable, Equatable {
    /// The metric keys that make the run's curve, chosen once as the file store chooses them.
    public var keys: RunMetricKeys
    /// Keys whose histories have news, auxiliary ones (learning rate, tokens, FLOPs) first.
    public var keysToRead: [String]
    /// Name, params, tags or status differ from the last read.
    public var headerChanged: Bool

    public static func make(previous: ServerRunState?, listed: MLflowRun, columns: MetricColumns) -> RunPlan {
        var keys = previous?.keys ?? RunMetricKeys()
        keys.choose(among: Set(listed.latestMetrics.keys), columns: columns)
        var toRead: [String] = []
        for key in keys.all {
            guard let latest = listed.latestMetrics[key] else { continue }
            if let seen = previous?.latestRead[key], seen.isSameRecord(as: latest) { continue }
            toRead.append(key)
        }
        let headerChanged = previous.map { old in
            old.listed.name != listed.name || old.listed.status != listed.status || old.listed.endTime != listed.endTime
                || old.listed.params != listed.params || old.listed.tags != listed.tags
                || old.listed.experimentID != listed.experimentID
        } ?? true
        return RunPlan(keys: keys, keysToRead: toRead, headerChanged: headerChanged)
    }
}

/// The metric keys a run's curve is made of: its loss, and the learning rate, tokens and
/// FLOPs attached to the loss's points by step. Each is the first of `MetricColumns`' names
/// the run has logged (the file store's rule), chosen when first seen and kept, so a curve
/// never switches between, say, training and validation loss.
public struct RunMetricKeys: Sendable, Equatable {
    public var loss: String?
    public var learningRate: String?
    public var tokens: String?
    public var flops: String?

    public init() {}

    mutating func choose(among keys: Set<String>, columns: MetricColumns) {
        if loss == nil { loss = MLflowRunFolder.lossKey(among: keys, columns: columns) }
        if learningRate == nil { learningRate = MLflowRunFolder.learningRateKey(among: keys, columns: columns) }
        if tokens == nil { tokens = MLflowRunFolder.tokensKey(among: keys, columns: columns) }
        if flops == nil { flops = columns.flops.first { keys.contains($0) } }
    }

    /// Auxiliary keys first: their values must be known when the loss's points are made.
    public var all: [String] {
        [learningRate, tokens, flops, loss].compactMap { $0 }
    }
}

/// What the follower keeps of one server run between refreshes.
public struct ServerRunState: Sendable {
    /// The run as last listed and read.
    public var listed: MLflowRun
    public var keys = RunMetricKeys()
    /// Per key, the latest value seen when its history was last read to the end.
    public var latestRead: [String: MLflowMetric] = [:]
    public var cursors: [String: MetricCursor] = [:]
    /// Learning rate, tokens and FLOPs by step, for loss points not made yet (older steps
    /// are dropped once their loss point exists).
    public var pending: [String: [Int64: Double]] = [:]

    public init(listed: MLflowRun) {
        self.listed = listed
    }
}
