import Foundation

/// Files built into the binary at build time (by Plugins/BundleFilesPlugin): the themes,
/// the sample runs `scaletop demo` replays, and the version and commit `--version` prints.
public enum BundledFiles {
    /// A bundled file, by its path relative to the package root (`themes/light.theme`).
    public struct File: Sendable {
        public let path: String
        public let contents: Data
    }

    /// Every bundled file whose path starts with `folder + "/"`, in path order.
    public static func files(under folder: String) -> [File] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return encodedFiles.compactMap { entry in
            guard entry.path.hasPrefix(prefix), let data = Data(base64Encoded: entry.base64) else { return nil }
            return File(path: entry.path, contents: data)
        }
    }

    /// `scaletop 0.7.0 (commit 1a2b3c4d5e6f)`.
    public static var versionLine: String { "scaletop \(version) (commit \(commit))" }
}
