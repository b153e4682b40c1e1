import Foundation

extension LogFormat {
    /// Lightning `CSVLogger` folders (`version_N/metrics.csv`, `hparams.yaml`). The
    /// `version_N` folders of one resumed run (same hyperparameters) are one run, claimed by
    /// its first version and stitched in order; the later versions' folders claim nothing.
    public static let lightning = LogFormat(name: "Lightning") { folder, names, root in
        let folderName = String(folder.split(separator: "/").last ?? "")
        guard let metrics = names.first(where: {
            LightningMetricsParser.isRun(fileName: $0, folderName: folderName, siblingNames: names)
        }) else { return ([], []) }
        let used: Set<String> = [metrics, LightningMetricsParser.hyperparametersFileName]
        let parent = RunDiscovery.parent(of: folder)
        var versions = [folderName]
        if LightningVersions.versionNumber(folderName) != nil {
            versions = resumedLightningRun(containing: folderName, in: parent)
            guard versions.first == folderName else { return ([], used) }
        }
        let folders = versions.map { parent + "/" + $0 }
        // The latest version's hyperparameters: a resumed run may have been given a longer plan.
        let hparams = folders.last! + "/" + LightningMetricsParser.hyperparametersFileName
        let id = relative(folder, to: root)
        let name = versions.count == 1 ? id
            : id + versions.dropFirst().map { "+" + String(LightningVersions.versionNumber($0) ?? 0) }.joined()
        let claim = RunClaim(
            id: id, name: name, format: "Lightning", files: folders.map { $0 + "/" + LightningMetricsParser.metricsFileName },
            reading: .wholeFile(LightningMetricsParser(series: .training)), metadataFiles: [hparams],
            metadataParser: { files in
                guard let bytes = files[hparams] else { return MetadataReading() }
                let text = String(decoding: bytes, as: UTF8.self)
                var metadata: RunMetadata
                do throws(LightningHyperparameters.Failure) {
                    metadata = try LightningHyperparameters.parse(text, source: relative(hparams, to: root))
                } catch {
                    return .failed(error.source, line: error.line, error.reason)
                }
                // metrics.csv counts steps from 0 (log-formats.md §0: the first row of
                // log_every_n_steps=50 is step 49), so a run of max_steps steps logs its
                // last row at max_steps − 1: that is where its curve ends.
                if let steps = metadata.plannedSteps, steps > 1 { metadata.plannedSteps = steps - 1 }
                return MetadataReading(metadata)
            })
        return ([claim], used)
    }

    /// The `version_N` folders (names, in order) of the resumed run that `version` belongs
    /// to, among the versions in `loggerFolder` that hold a `metrics.csv`.
    static func resumedLightningRun(containing version: String, in loggerFolder: String) -> [String] {
        let siblings = RunDiscovery.entries(of: loggerFolder).folders
        let candidates = LightningVersions.versionFolders(among: siblings).filter {
            $0 == version || FileIdentity.of(loggerFolder + "/" + $0 + "/" + LightningMetricsParser.metricsFileName) != nil
        }
        let versions = candidates.map { name in
            (folder: name, hyperparameters: try? ReadOnlyFile.read(
                loggerFolder + "/" + name + "/" + LightningMetricsParser.hyperparametersFileName, from: 0, limit: 1 << 20))
        }
        return LightningVersions.resumedRuns(versions).first { $0.contains(version) } ?? [version]
    }
}
