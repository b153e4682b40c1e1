import RunIngest

/// One change to the dashboard's `RunStore`, made by the sync task and applied on the
/// dashboard's thread (the store has one owner).
public enum StoreChange: Sendable {
    /// A run's name, metadata and newest write time, added if new.
    case header(id: String, name: String, metadata: RunMetadata, lastModified: Double?)
    case append(id: String, points: [MetricPoint])
    /// The run's points read again from the start.
    case replace(id: String, points: [MetricPoint])
    case remove(id: String)
    case issue(ParseIssue)
}

extension RunStore {
    /// Apply changes in order.
    public func apply(_ changes: [StoreChange]) {
        for change in changes {
            switch change {
            case .header(let id, let name, let metadata, let lastModified):
                insert(Run(id: id, name: name, metadata: metadata))
                update(id: id) { run in
                    guard run.name != name || run.metadata != metadata || run.lastModified != lastModified else { return false }
                    run.name = name
                    run.metadata = metadata
                    run.lastModified = lastModified
                    return true
                }
            case .append(let id, let points):
                guard !points.isEmpty else { continue }
                update(id: id) { run in
                    for point in points { run.append(point) }
                    return true
                }
            case .replace(let id, let points):
                update(id: id) { run in
                    run.removeAllPoints()
                    for point in points { run.append(point) }
                    return true
                }
            case .remove(let id):
                remove(id: id)
            case .issue(let issue):
                record(issue)
            }
        }
    }
}
