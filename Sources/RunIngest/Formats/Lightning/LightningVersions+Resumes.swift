extension LightningVersions {
    /// Hyperparameters that only say how long to train: a run resumed to train for longer
    /// (`num_epochs: 10` → `20`, as in the real slm_training logs) is still the same run.
    static let trainingLengthKeys: Set<String> = [
        "num_epochs", "max_epochs", "epochs", "n_epochs", "num_train_epochs",
        "max_steps", "max_iters", "train_iters", "total_steps", "planned_steps",
    ]

    /// Which `version_N` folders (in `ordered` order) are one resumed run: those whose
    /// `hparams.yaml` say the same thing apart from the training length. Lightning writes no
    /// link between a checkpoint's version and the version resuming it, so equal
    /// hyperparameters are the evidence; a version without them (no `hparams.yaml`, an empty
    /// one, or one that is not YAML) is a run of its own. Returns the folders grouped into
    /// runs, each run's folders in order, runs ordered by their first folder.
    public static func resumedRuns(_ versions: [(folder: String, hyperparameters: [UInt8]?)]) -> [[String]] {
        var runs: [(identity: [String: String]?, folders: [String])] = []
        for version in versions {
            let identity = version.hyperparameters.flatMap(runIdentity)
            if let identity, let i = runs.firstIndex(where: { $0.identity == identity }) {
                runs[i].folders.append(version.folder)
            } else {
                runs.append((identity, [version.folder]))
            }
        }
        return runs.map(\.folders)
    }

    /// The hyperparameters that identify a run: everything in `hparams.yaml` except the
    /// training length, or nil when it says nothing.
    static func runIdentity(_ hyperparameters: [UInt8]) -> [String: String]? {
        let text = String(decoding: hyperparameters, as: UTF8.self)
        guard let metadata = try? LightningHyperparameters.parse(text, source: "") else { return nil }
        var identity = metadata.hyperparameters.filter { key, _ in
            !trainingLengthKeys.contains(String(key.split(separator: ".").last ?? ""))
        }
        // The parser takes N out of the hyperparameters; it identifies the run too.
        if let n = metadata.parameters { identity["\u{0}parameters"] = String(n) }
        return identity.isEmpty ? nil : identity
    }
}
