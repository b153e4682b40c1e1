/// A training run: its curve and what is known about it.
public struct Run: Sendable, Identifiable {
    /// Stable identity: the metrics file's path relative to the watched root.
    public let id: String
    /// Display name (the run's folder or file stem). Raw text from the file system:
    /// sanitise before it reaches a terminal.
    public var name: String
    public var metadata: RunMetadata
    /// Points in log order, steps strictly increasing (a rewind replaces the tail).
    public internal(set) var points: MetricPoints
    /// Newest modification time (seconds since the Unix epoch) of the run's files when the
    /// follower last read them: a dashboard compares it with the clock to tell a run still
    /// being written from one that stopped. Nil until the follower has read the run.
    public package(set) var lastModified: Double?
    /// The store's generation when this run last changed (points, name or metadata): what a
    /// derived value kept beside the run (its summary, its drawn curve) compares to know
    /// whether to recompute. Only `RunStore` sets it.
    public internal(set) var revision = 0

    public init(id: String, name: String, metadata: RunMetadata = RunMetadata(), points: [MetricPoint] = []) {
        self.id = id
        self.name = name
        self.metadata = metadata
        self.points = MetricPoints(points)
    }

    public init(id: String, name: String, metadata: RunMetadata = RunMetadata(), points: MetricPoints) {
        self.id = id
        self.name = name
        self.metadata = metadata
        self.points = points
    }

    /// Add a point. A step at or before the last one means the run restarted from a
    /// checkpoint: the points at or after that step are replaced (TensorBoard's rule).
    /// Returns how many points the rewind dropped.
    @discardableResult
    public mutating func append(_ point: MetricPoint) -> Int {
        var dropped = 0
        if let last = points.last, point.step <= last.step {
            let keep = points.partitionIndex { $0.step >= point.step }
            dropped = points.count - keep
            points.removeSubrange(keep...)
        }
        points.append(point)
        return dropped
    }

    /// Forget every point (the file was truncated or replaced and will be read again).
    public mutating func removeAllPoints() {
        points.removeAll(keepingCapacity: true)
    }
}

extension RandomAccessCollection where Index == Int {
    /// First index whose element satisfies `predicate`, for a collection partitioned so
    /// that every element failing it comes first. Binary search.
    public func partitionIndex(where predicate: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
