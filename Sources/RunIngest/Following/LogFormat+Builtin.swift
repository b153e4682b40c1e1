import Foundation

/// The formats scaletop reads and how each recognises its runs in a folder. The parsers
/// are pure (Formats/, Parsing/); recognising a run may peek at a file's first bytes, which
/// is why these claims live here with the other code that touches files.
extension LogFormat {
    /// The formats, in the order they are asked: specific names before generic extensions.
    public static func all(columns: MetricColumns = .standard) -> [LogFormat] {
        [.tensorBoard(), .huggingFaceTrainer, .lightning, .mlflowFileStore(columns: columns), .wandb(columns: columns),
         .jsonl(columns: columns), .csvMetrics(columns: columns), .stdoutLog]
    }

    /// JSONL metric files: one JSON object per line (`*.jsonl`); a generic name
    /// (`metrics.jsonl`) takes its folder's name. W&B's legacy `wandb-history.jsonl` too.
    /// Rotated copies (`metrics.jsonl.1`, see `RotatedLogs`) are read first, as the run's
    /// earlier part; so are they by the CSV and stdout formats.
    public static func jsonl(columns: MetricColumns = .standard) -> LogFormat {
        LogFormat(name: "JSONL") { (folder: String, names: [String], root: String) -> (runs: [RunClaim], used: Set<String>) in
            var runs: [RunClaim] = []
            var used = Set<String>()
            for group in RotatedLogs.groups(names, isLog: { $0.hasSuffix(".jsonl") }) {
                let path = folder + "/" + group.name
                let id = relative(path, to: root)
                used.formUnion(group.parts)
                guard WandBLegacyHistory.isHistoryFile(path) else {
                    runs.append(RunClaim(id: id, name: RunDiscovery.runName(relativePath: id), format: "JSONL",
                                         files: group.parts.map { folder + "/" + $0 },
                                         reading: .appending { JSONLMetricsParser(columns: columns) }))
                    continue
                }
                let legacyColumns = WandBLegacyHistory.columns(columns)
                let config = folder + "/config.yaml"
                let source = relative(config, to: root)
                let parseConfig: @Sendable ([String: [UInt8]]) -> MetadataReading = { files in
                    wandbConfig(files[config], source: source)
                }
                runs.append(RunClaim(id: id, name: RunDiscovery.runName(relativePath: id), format: "W&B (legacy)",
                                     files: group.parts.map { folder + "/" + $0 },
                                     reading: .appending { JSONLMetricsParser(columns: legacyColumns) },
                                     metadataFiles: [config], metadataParser: parseConfig))
            }
            return (runs, used)
        }
    }

    /// CSV metric files whose header names a step and a loss column (a table of final
    /// points is not a run and is left alone).
    public static func csvMetrics(columns: MetricColumns = .standard) -> LogFormat {
        LogFormat(name: "CSV") { folder, names, root in
            var runs: [RunClaim] = []
            var used = Set<String>()
            for group in RotatedLogs.groups(names, isLog: CSVMetricsParser.isMetricsFile(fileName:)) {
                // The newest part that has its header (a log just rotated is still empty).
                guard group.parts.reversed().contains(where: { part in
                    firstLine(of: folder + "/" + part).map { headerHasStepAndLoss($0, columns: columns) } ?? false
                }) else { continue }
                let id = relative(folder + "/" + group.name, to: root)
                runs.append(RunClaim(id: id, name: RunDiscovery.runName(relativePath: id), format: "CSV",
                                     files: group.parts.map { folder + "/" + $0 },
                                     reading: .appending { CSVMetricsParser(columns: columns) }))
                used.formUnion(group.parts)
            }
            return (runs, used)
        }
    }

    /// Hugging Face Trainer output folders: `trainer_state.json` (rewritten whole at each
    /// save) with `config.json` beside it. A `checkpoint-N` folder is read only while its
    /// output folder has no state file of its own, and only the latest one.
    public static let huggingFaceTrainer = LogFormat(name: "HF Trainer") { folder, names, root in
        guard names.contains(where: TrainerStateParser.isRun(fileName:)) else { return ([], []) }
        let folderName = String(folder.split(separator: "/").last ?? "")
        var runFolder = folder
        if TrainerStateParser.checkpointStep(folderName) != nil {
            let parent = RunDiscovery.parent(of: folder)
            let entries = RunDiscovery.entries(of: parent)
            let siblings = entries.files + entries.folders
            guard TrainerStateParser.stateFile(inOutputFolderWith: siblings) == folderName + "/" + TrainerStateParser.fileName
            else { return ([], [TrainerStateParser.fileName]) }
            runFolder = parent
        }
        let state = folder + "/" + TrainerStateParser.fileName
        let config = folder + "/" + (TrainerStateParser.configFileName(amongSiblings: names) ?? "config.json")
        let id = relative(runFolder, to: root)
        let claim = RunClaim(
            id: id, name: id, format: "HF Trainer", files: [state],
            reading: .wholeFile(TrainerStateParser(series: .training)), metadataFiles: [config],
            metadataParser: { files in
                guard let bytes = files[config] else { return MetadataReading() }
                let source = relative(config, to: root)
                do throws(HuggingFaceConfig.Failure) {
                    let read = try HuggingFaceConfig.reading(bytes, source: source)
                    return MetadataReading(read.metadata, problems: read.problems.map {
                        ParseIssue(file: source, line: $0.line ?? 0, message: $0.reason)
                    })
                } catch {
                    return .failed(source, line: error.line, error.reason)
                }
            })
        return ([claim], [TrainerStateParser.fileName])
    }

    /// MLflow's file store: a run folder (`meta.yaml`, `metrics/`, `params/`); the loss
    /// metric's file is the curve.
    public static func mlflowFileStore(columns: MetricColumns = .standard) -> LogFormat {
        LogFormat(name: "MLflow") { folder, names, root in
            guard names.contains("meta.yaml"), MLflowRunFolder.isRunFolder(atPath: folder) else { return ([], []) }
            let metricFiles = MLflowRunFolder.metricFiles(inRun: folder)
            guard let key = MLflowRunFolder.lossKey(among: Array(metricFiles.keys), columns: columns),
                  let file = metricFiles[key] else { return ([], []) }
            let params = MLflowRunFolder.files(under: folder + "/params").values.sorted()
            let id = relative(folder, to: root)
            // The run's name and end: meta.yaml (rewritten when it ends) and the name tag.
            let claim = RunClaim(id: id, name: id, format: "MLflow", files: [file],
                                 reading: .appending { MLflowMetricFileParser(key: key) },
                                 metadataFiles: params + [folder + "/meta.yaml", folder + "/tags/mlflow.runName"],
                                 metadataParser: { files in MLflowRunFolder.reading(files: files, runFolder: folder, displayFolder: id) })
            return ([claim], ["meta.yaml"])
        }
    }

    /// W&B offline and online run folders: `run-<id>.wandb`, with `files/config.yaml`.
    public static func wandb(columns: MetricColumns = .standard) -> LogFormat {
        LogFormat(name: "W&B") { folder, names, root in
            var runs: [RunClaim] = []
            var used = Set<String>()
            for name in names.sorted() where WandBRunParser.isRunLog(folder + "/" + name) {
                let path = folder + "/" + name
                let config = WandBConfigFile.path(forRunLog: path)
                let id = relative(folder, to: root)
                runs.append(RunClaim(id: id, name: id, format: "W&B", files: [path],
                                     reading: .appending { WandBRunParser(columns: columns) }, metadataFiles: [config],
                                     metadataParser: { files in wandbConfig(files[config], source: relative(config, to: root)) }))
                used.insert(name)
            }
            return (runs, used)
        }
    }

    /// Plain stdout logs of nanoGPT, litgpt, Megatron-LM and torchtitan: claimed once a
    /// loss line of a known format appears near the start.
    public static let stdoutLog = LogFormat(name: "stdout") { folder, names, root in
        var runs: [RunClaim] = []
        var used = Set<String>()
        for group in RotatedLogs.groups(names, isLog: StdoutLogParser.isLogFile(fileName:)) {
            // The newest part that has a loss line (a log just rotated is still empty).
            guard let format = group.parts.reversed().lazy.compactMap({ part in
                (try? ReadOnlyFile.read(folder + "/" + part, from: 0, limit: 256 << 10)).flatMap(StdoutLogParser.detectFormat)
            }).first else { continue }
            let id = relative(folder + "/" + group.name, to: root)
            runs.append(RunClaim(id: id, name: RunDiscovery.runName(relativePath: id), format: "stdout (\(format.rawValue))",
                                 files: group.parts.map { folder + "/" + $0 }, reading: .appending { StdoutLogParser() }))
            used.formUnion(group.parts)
        }
        return (runs, used)
    }

    // MARK: - Helpers

    static func wandbConfig(_ bytes: [UInt8]?, source: String) -> MetadataReading {
        // An empty file is one being created: it says nothing yet, rather than something wrong.
        guard let bytes, !bytes.isEmpty else { return MetadataReading() }
        do throws(WandBConfigFile.Failure) {
            return MetadataReading(try WandBConfigFile.metadata(bytes: bytes, source: source))
        } catch {
            return .failed(source, line: error.line, error.description)
        }
    }

    static func firstLine(of path: String) -> String? {
        guard let bytes = try? ReadOnlyFile.read(path, from: 0, limit: 64 << 10),
              let end = bytes.firstIndex(of: 0x0A) else { return nil }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    static func headerHasStepAndLoss(_ header: String, columns: MetricColumns) -> Bool {
        let names = header.split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\r"))
        }
        return columns.step.contains(where: names.contains) && columns.loss.contains(where: names.contains)
    }
}
