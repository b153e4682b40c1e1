import RunIngest

/// Which run each file's problems belong to: a run's id is its log file or its folder
/// (relative to the watched root), so a problem in that file, or in a file inside that
/// folder, is the run's; a problem about a folder holding one run is that run's too.
public enum IssueAttribution {
    /// Problem counts by run id. Each file's problems count once, for the innermost run that
    /// owns the file; problems no run owns (a stray file) are left out.
    public static func counts(_ issues: [FileIssues], runIDs: [String]) -> [String: Int] {
        guard !issues.isEmpty else { return [:] }
        let ids = Set(runIDs)
        let sorted = runIDs.sorted()
        var counts: [String: Int] = [:]
        for file in issues {
            if let id = owner(of: file.first.file, ids: ids, sorted: sorted) {
                counts[id, default: 0] += file.count
            }
        }
        return counts
    }

    /// The run owning `path`: the path itself or its nearest enclosing folder that is a run,
    /// else the first run inside the folder `path` names.
    static func owner(of path: String, ids: Set<String>, sorted: [String]) -> String? {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if ids.contains(String(candidate)) { return String(candidate) }
            guard let slash = candidate.lastIndex(of: "/") else { break }
            candidate = candidate[..<slash]
        }
        let folder = path + "/"
        let i = sorted.partitionIndex { $0 >= folder }
        if i < sorted.count, sorted[i].hasPrefix(folder) { return sorted[i] }
        return nil
    }
}

