extension LogFormat {
    /// TensorBoard: a folder of `events.out.tfevents.*` files, read oldest first (a resumed
    /// job writes a new file; its rewound steps replace the old points). A sub-folder that
    /// holds an `add_hparams` session (`TensorBoardHParamsSession`) is the metadata of the
    /// run above it, not a run.
    public static func tensorBoard(tags: TensorBoardTags = .standard) -> LogFormat {
        LogFormat(name: "TensorBoard") { (folder: String, names: [String], root: String) -> (runs: [RunClaim], used: Set<String>) in
            tensorBoardClaim(folder: folder, names: names, root: root, tags: tags)
        }
    }

    static func tensorBoardClaim(folder: String, names: [String], root: String,
                                 tags: TensorBoardTags) -> (runs: [RunClaim], used: Set<String>) {
        let files = TensorBoardEventFiles.ordered(names.filter { TensorBoardEventFiles.isEventFile(name: $0) })
        guard !files.isEmpty else { return ([], []) }
        if folder != root, hasEventFiles(RunDiscovery.parent(of: folder)), sessionVerdict(folder, files) != .run {
            // In a run's folder: a session, or a folder whose writer has not written more
            // than its file-version record yet (which a session's file also starts with).
            return ([], Set(files))
        }
        var sessions: [String] = []
        for sub in RunDiscovery.entries(of: folder).folders.sorted() {
            let subFolder = folder + "/" + sub
            let subFiles = TensorBoardEventFiles.ordered(RunDiscovery.entries(of: subFolder).files)
            if !subFiles.isEmpty, [.session, .runWithSession].contains(sessionVerdict(subFolder, subFiles)) {
                sessions += subFiles.map { subFolder + "/" + $0 }
            }
        }
        let id = relative(folder, to: root)
        let source = sessions.first.map { relative(RunDiscovery.parent(of: $0), to: root) + " (hparams)" }
        let sessionFiles = sessions
        let parseSessions: @Sendable ([String: [UInt8]]) -> MetadataReading = { contents in
            // Sessions without an hparams record yet (still being written) say nothing: not a problem.
            var metadata = TensorBoardHParamsSession.metadata(sessions: sessionFiles.compactMap { contents[$0] }, tags: tags)
                ?? RunMetadata()
            metadata.source = source
            return MetadataReading(metadata)
        }
        let claim = RunClaim(id: id, name: id, format: "TensorBoard", files: files.map { folder + "/" + $0 },
                             reading: .appending { TensorBoardEventParser(tags: tags) },
                             metadataFiles: sessions, metadataParser: sessions.isEmpty ? nil : parseSessions)
        return ([claim], Set(files))
    }

    static func hasEventFiles(_ folder: String) -> Bool {
        RunDiscovery.entries(of: folder).files.contains { TensorBoardEventFiles.isEventFile(name: $0) }
    }

    static func sessionVerdict(_ folder: String, _ files: [String]) -> TensorBoardHParamsSession.Verdict {
        let firstBytes = files.map {
            (try? ReadOnlyFile.read(folder + "/" + $0, from: 0, limit: TensorBoardHParamsSession.recognitionBytes)) ?? []
        }
        return TensorBoardHParamsSession.verdict(firstBytes: firstBytes)
    }
}
