import Glibc

/// Finds the metrics files and folders of a study under a root folder.
enum RunDiscovery {
    /// File stems too generic to name a run: the folder names it instead.
    static let genericStems: Set<String> = ["metrics", "log", "logs", "train", "trainer_log", "history", "events"]

    struct Found {
        var directories: [String] = []
        /// Regular files by folder (names only), hidden ones skipped.
        var filesByDirectory: [String: [String]] = [:]
    }

    /// No format looks further into a file than this to recognise it as a run (a stdout
    /// log's first loss line; a CSV header needs less).
    static let recognitionBytes = 256 << 10

    /// Walk `root` (hidden folders skipped, symbolic links not followed).
    static func scan(root: String) -> Found {
        var found = Found()
        var stack = [root]
        while let directory = stack.popLast() {
            found.directories.append(directory)
            let entries = self.entries(of: directory)
            stack.append(contentsOf: entries.folders.map { directory + "/" + $0 })
            if !entries.files.isEmpty { found.filesByDirectory[directory] = entries.files }
        }
        return found
    }

    /// The regular files and the folders directly inside `directory` (names; hidden ones
    /// skipped, symbolic links not followed).
    static func entries(of directory: String) -> (files: [String], folders: [String]) {
        var files: [String] = [], folders: [String] = []
        guard let handle = RawFileName.withCPath(directory, { opendir($0) }) else { return ([], []) }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            // Bytes, not necessarily UTF-8: see `RawFileName`.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                RawFileName.string(fromBytes: raw.prefix { $0 != 0 })
            }
            if name.hasPrefix(".") { continue }
            var info = stat()
            guard RawFileName.withCPath(directory + "/" + name, { lstat($0, &info) }) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: folders.append(name)
            case S_IFREG: files.append(name)
            default: break
            }
        }
        return (files, folders)
    }

    /// The runs under `root`, each claimed by the first format that recognises it.
    static func claims(in found: Found, root: String, formats: [LogFormat]) -> [RunClaim] {
        found.directories.sorted().flatMap { directory in
            claims(inFolder: directory, names: found.filesByDirectory[directory] ?? [], root: root, formats: formats)
        }
    }

    /// The runs among the files `names` of one folder.
    static func claims(inFolder directory: String, names: [String], root: String, formats: [LogFormat]) -> [RunClaim] {
        var claims: [RunClaim] = []
        var names = names
        for format in formats where !names.isEmpty {
            let (runs, used) = format.claim(directory, names, root)
            claims.append(contentsOf: runs)
            names.removeAll { used.contains($0) }
        }
        return claims
    }

    /// `a/b/metrics.jsonl` → `a/b`; `a/run-3.jsonl` → `a/run-3`.
    static func runName(relativePath: String) -> String {
        var components = relativePath.split(separator: "/").map(String.init)
        guard let file = components.popLast() else { return relativePath }
        let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
        if genericStems.contains(stem.lowercased()), !components.isEmpty {
            return components.joined(separator: "/")
        }
        return (components + [stem]).joined(separator: "/")
    }

    /// The sidecar that applies to a metrics file: `<stem>.scaletop.json` beside it, else
    /// the nearest `scaletop.json` in its folder or a folder above, up to the root.
    static func sidecar(for metricsFile: String, root: String) -> String? {
        let stem = metricsFile.lastIndex(of: ".").map { String(metricsFile[..<$0]) } ?? metricsFile
        let beside = stem + SidecarMetadata.fileSuffix
        if FileIdentity.of(beside) != nil { return beside }
        var directory = parent(of: metricsFile)
        while true {
            let candidate = directory + "/" + SidecarMetadata.folderFileName
            if FileIdentity.of(candidate) != nil { return candidate }
            if directory == root || directory.count <= root.count { return nil }
            directory = parent(of: directory)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
