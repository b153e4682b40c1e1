/// The runs a progressively loading follower has found but not read yet, in the order they
/// were found. A run read early (its file was written to meanwhile) is skipped when its
/// turn comes, so each run's first reading happens once.
struct UnreadRuns {
    private var queue: [String] = []
    private var next = 0
    private var waiting: Set<String> = []
    /// Runs taken from the queue since it was last empty: with `count`, the progress shown.
    private(set) var taken = 0

    var isEmpty: Bool { waiting.isEmpty }
    var count: Int { waiting.count }

    func contains(_ id: String) -> Bool { waiting.contains(id) }

    mutating func append(_ id: String) {
        guard waiting.insert(id).inserted else { return }
        queue.append(id)
    }

    /// The next run to read, or nil when all are read.
    mutating func popFirst() -> String? {
        while next < queue.count {
            let id = queue[next]
            next += 1
            if waiting.remove(id) != nil {
                taken += 1
                compactIfDrained()
                return id
            }
        }
        compactIfDrained()
        return nil
    }

    /// `id` was read out of turn: it is no longer waiting.
    mutating func remove(_ id: String) {
        guard waiting.remove(id) != nil else { return }
        taken += 1
        compactIfDrained()
    }

    mutating func removeAll() {
        self = UnreadRuns()
    }

    private mutating func compactIfDrained() {
        guard waiting.isEmpty else { return }
        queue.removeAll(keepingCapacity: false)
        next = 0
        taken = 0
    }
}
