/// A training run: its curve and what is known about it.
///
/// A value with its fields behind one shared, copy-on-write reference. Why: a dashboard
/// copies the whole study at every appended line (the store's array goes to the UI and
/// fit threads as a value, and the store's next change then copies that array), and a run
/// with its fields inline holds a dozen references (names, metadata, point columns), so
/// 10,000 runs cost 120,000 retains and as many releases per append: a third of all the
/// CPU an appended line cost at 10,000 runs (perf, issue 16). With the fields boxed a
/// copy is one retain; a run changed after a copy copies its own box, once.
public struct Run: Sendable, Identifiable {
    /// The fields. Mutated only through `fields` below, when this value is its only owner,
    /// which makes sharing it between threads safe. The metadata and the points live at
    /// addresses of their own so that reading them is reading in place (`unsafeAddress`
    /// below): a getter, or `_read` of a class's property, copies them on every read, and
    /// `run.points.count` then retained and released every column (perf, issue 16).
    private final class Fields: @unchecked Sendable {
        var name: String
        let metadata: UnsafeMutablePointer<RunMetadata>
        let points: UnsafeMutablePointer<MetricPoints>
        var lastModified: Double?

        init(name: String, metadata: RunMetadata, points: MetricPoints, lastModified: Double?) {
            self.name = name
            self.metadata = .allocate(capacity: 1)
            self.metadata.initialize(to: metadata)
            self.points = .allocate(capacity: 1)
            self.points.initialize(to: points)
            self.lastModified = lastModified
        }

        deinit {
            metadata.deinitialize(count: 1)
            metadata.deallocate()
            points.deinitialize(count: 1)
            points.deallocate()
        }
    }

    /// Stable identity: the metrics file's path relative to the watched root.
    public let id: String
    private var box: Fields

    /// The fields for a change: a copy of them first if another value shares them.
    private var fields: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&box) {
                box = Fields(name: box.name, metadata: box.metadata.pointee, points: box.points.pointee,
                             lastModified: box.lastModified)
            }
            return box
        }
    }

    /// Display name (the run's folder or file stem). Raw text from the file system:
    /// sanitise before it reaches a terminal.
    public var name: String {
        get { box.name }
        set { fields.name = newValue }
    }

    // Read in place, and changed in place once the box is this value's own. `self` holds
    // the box, so the addresses stay valid while the access lasts.
    public var metadata: RunMetadata {
        unsafeAddress { UnsafePointer(box.metadata) }
        unsafeMutableAddress { fields.metadata }
    }

    /// Points in log order, steps strictly increasing (a rewind replaces the tail).
    public internal(set) var points: MetricPoints {
        unsafeAddress { UnsafePointer(box.points) }
        unsafeMutableAddress { fields.points }
    }

    /// Newest modification time (seconds since the Unix epoch) of the run's files when the
    /// follower last read them: a dashboard compares it with the clock to tell a run still
    /// being written from one that stopped. Nil until the follower has read the run.
    public package(set) var lastModified: Double? {
        get { box.lastModified }
        set { fields.lastModified = newValue }
    }

    /// The store's generation when this run last changed (points, name or metadata): what a
    /// derived value kept beside the run (its summary, its drawn curve) compares to know
    /// whether to recompute. Only `RunStore` sets it. Kept beside the box, not in it: the
    /// panels and caches compare 10,000 runs' revisions per frame, and reading each through
    /// its box was a cache miss per run (perf, issue 16); setting it copies no box.
    public internal(set) var revision = 0

    public init(id: String, name: String, metadata: RunMetadata = RunMetadata(), points: [MetricPoint] = []) {
        self.init(id: id, name: name, metadata: metadata, points: MetricPoints(points))
    }

    public init(id: String, name: String, metadata: RunMetadata = RunMetadata(), points: MetricPoints) {
        self.id = id
        box = Fields(name: name, metadata: metadata, points: points, lastModified: nil)
    }

    /// Whether two values share their fields (a copy not changed since): for tests.
    func sharesFields(with other: Run) -> Bool { box === other.box }

    /// Add a point. A step at or before the last one means the run restarted from a
    /// checkpoint: the points at or after that step are replaced (TensorBoard's rule).
    /// Returns how many points the rewind dropped.
    @discardableResult
    public mutating func append(_ point: MetricPoint) -> Int {
        // One change through the points' address: reading `points.last` here first copied
        // the points' struct (264 bytes) and built the whole last point for every appended
        // one (a memcpy per point, 14% of the UI thread while 1e8 points loaded, perf).
        points.appendRewinding(point)
    }

    /// Add points in order, as `append` would one by one (the same rewinds, the same points
    /// kept), but a parsed chunk whose steps simply go on is stored column by column: one by
    /// one, storing was a fifth of loading a large log, on the one thread that must store in
    /// order (perf, issue 16). Returns how many points rewinds dropped.
    @discardableResult
    public mutating func append<C: RandomAccessCollection>(contentsOf points: C) -> Int where C.Element == MetricPoint {
        self.points.append(contentsOf: points)
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
