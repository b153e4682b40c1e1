import Glibc

/// Finds the metrics files and folders of a study under a root folder.
enum RunDiscovery {
    /// File stems too generic to name a run: the folder names it instead.
    static let genericStems: Set<String> = ["metrics", "log", "logs", "train", "trainer_log", "history", "events"]

    struct Found {
        var directories: [String] = []
        var metricsFiles: [String] = []
    }

    /// Walk `root` (hidden folders skipped, symbolic links not followed).
    static func scan(root: String) -> Found {
        var found = Found()
        var stack = [root]
        while let directory = stack.popLast() {
            found.directories.append(directory)
            guard let handle = opendir(directory) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasPrefix(".") { continue }
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: stack.append(path)
                case S_IFREG where name.hasSuffix(".jsonl"): found.metricsFiles.append(path)
                default: break
                }
            }
        }
        found.metricsFiles.sort()
        return found
    }

    /// `a/b/metrics.jsonl` → `a/b`; `a/run-3.jsonl` → `a/run-3`.
    static func runName(relativePath: String) -> String {
        var components = relativePath.split(separator: "/").map(String.init)
        guard let file = components.popLast() else { return relativePath }
        let stem = String(file.dropLast(".jsonl".count))
        if genericStems.contains(stem.lowercased()), !components.isEmpty {
            return components.joined(separator: "/")
        }
        return (components + [stem]).joined(separator: "/")
    }

    /// The sidecar that applies to a metrics file: `<stem>.scaletop.json` beside it, else
    /// the nearest `scaletop.json` in its folder or a folder above, up to the root.
    static func sidecar(for metricsFile: String, root: String) -> String? {
        let beside = String(metricsFile.dropLast(".jsonl".count)) + SidecarMetadata.fileSuffix
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
