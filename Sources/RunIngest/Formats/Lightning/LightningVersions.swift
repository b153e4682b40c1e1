/// Lightning's `version_N` folders: a resumed `fit(ckpt_path=…)` with a new logger writes
/// `version_<N+1>` whose steps continue the checkpoint's (log-formats.md §3), so the folders
/// of one run, in order, make one curve.
public enum LightningVersions {
    /// N of a `version_N` folder name, or nil.
    public static func versionNumber(_ folderName: String) -> Int? {
        guard folderName.hasPrefix("version_") else { return nil }
        let digits = folderName.dropFirst("version_".count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Folder names in the order their training happened: `version_N` by N (so `version_10`
    /// after `version_9`), then other names (Lightning uses a string `version` verbatim)
    /// in lexical order.
    public static func ordered(_ folderNames: [String]) -> [String] {
        folderNames.sorted { a, b in
            switch (versionNumber(a), versionNumber(b)) {
            case let (x?, y?): return x != y ? x < y : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
    }

    /// The curves of a run's versions, already in `ordered` order, stitched into one: a later
    /// version wins where steps overlap (it resumed from a checkpoint at or before the
    /// earlier version's last step, so the earlier points from there on were redone). This
    /// is the rewind rule every run follows, applied point by point.
    public static func stitched<Points: Sequence>(_ versions: [Points]) -> MetricPoints where Points.Element == MetricPoint {
        var run = Run(id: "", name: "")
        for points in versions {
            for point in points { run.append(point) }
        }
        return run.points
    }
}

extension LightningVersions {
    /// The `version_N` folders among a logger folder's names (`lightning_logs/`), in order;
    /// empty when it holds none. Each folder's `metrics.csv` belongs to the same run when one
    /// resumed the other's checkpoint: the caller decides (same `hparams.yaml`, steps that
    /// continue), since Lightning writes no link between them.
    public static func versionFolders(among names: [String]) -> [String] {
        ordered(names.filter { versionNumber($0) != nil })
    }
}
