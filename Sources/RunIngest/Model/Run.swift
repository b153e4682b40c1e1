/// A training run: its curve and what is known about it.
///
/// A value, kept in one copy-on-write reference: a dashboard copies runs all the time (a
/// snapshot per change, the fit thread's input, the panels' loops), and with every field
/// held directly a copy retained a dozen buffers (the id, name, metadata's texts and each
/// column of the points); at 10,000 runs those retains were a sixth of the CPU an appended
/// line cost (perf). Now a copy is one retain, and a change to a shared run copies it first.
public struct Run: Sendable, Identifiable {
    /// Only mutated when uniquely referenced (`unique()`), so sharing it between threads is
    /// as safe as sharing the value it stands for.
    private final class Storage: @unchecked Sendable {
        let id: String
        var name: String
        var metadata: RunMetadata
        var points: MetricPoints
        var lastModified: Double?
        var revision: Int

        init(id: String, name: String, metadata: RunMetadata, points: MetricPoints, lastModified: Double?, revision: Int) {
            self.id = id
            self.name = name
            self.metadata = metadata
            self.points = points
            self.lastModified = lastModified
            self.revision = revision
        }

        func copy() -> Storage {
            Storage(id: id, name: name, metadata: metadata, points: points, lastModified: lastModified, revision: revision)
        }
    }

    private var storage: Storage

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Stable identity: the metrics file's path relative to the watched root.
    public var id: String { storage.id }
    /// Display name (the run's folder or file stem). Raw text from the file system:
    /// sanitise before it reaches a terminal.
    public var name: String {
        get { storage.name }
        _modify { unique(); yield &storage.name }
    }
    public var metadata: RunMetadata {
        get { storage.metadata }
        _modify { unique(); yield &storage.metadata }
    }
    /// Points in log order, steps strictly increasing (a rewind replaces the tail).
    public internal(set) var points: MetricPoints {
        get { storage.points }
        _modify { unique(); yield &storage.points }
    }
    /// Newest modification time (seconds since the Unix epoch) of the run's files when the
    /// follower last read them: a dashboard compares it with the clock to tell a run still
    /// being written from one that stopped. Nil until the follower has read the run.
    public package(set) var lastModified: Double? {
        get { storage.lastModified }
        _modify { unique(); yield &storage.lastModified }
    }
    /// The store's generation when this run last changed (points, name or metadata): what a
    /// derived value kept beside the run (its summary, its drawn curve) compares to know
    /// whether to recompute. Only `RunStore` sets it.
    public internal(set) var revision: Int {
        get { storage.revision }
        _modify { unique(); yield &storage.revision }
    }

    public init(id: String, name: String, metadata: RunMetadata = RunMetadata(), points: [MetricPoint] = []) {
        self.init(id: id, name: name, metadata: metadata, points: MetricPoints(points))
    }

    public init(id: String, name: String, metadata: RunMetadata = RunMetadata(), points: MetricPoints) {
        storage = Storage(id: id, name: name, metadata: metadata, points: points, lastModified: nil, revision: 0)
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
