import Foundation
import PackagePlugin

/// Builds the themes, the sample runs and the version into the binary, so an installed
/// `scaletop` is one file that works from any folder (`scaletop demo`, `--theme light`).
///
/// SwiftPM's own resources are copied beside the binary as a bundle folder, and
/// `.embedInCode` names files by their base name (the sample runs have 25 `metrics.jsonl`),
/// so a small generator writes one Swift file with every file's path and bytes instead.
@main
struct BundleFilesPlugin: BuildToolPlugin {
    /// Folders under the package root whose files are bundled, each under its own name.
    static let folders = ["themes", "sample-runs"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let tool = try context.tool(named: "BundleFilesTool")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BundledFiles+Contents.swift")
        var inputs: [URL] = [root.appendingPathComponent("VERSION")]
        for folder in Self.folders {
            inputs += Self.files(under: root.appendingPathComponent(folder))
        }
        let commit = Self.commit(in: root)
        return [.buildCommand(
            displayName: "Bundling themes, sample runs and the version (\(commit))",
            executable: tool.url,
            arguments: [output.path, root.path, commit] + Self.folders,
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }

    /// Every regular file under `folder`, sorted, skipping caches that Python leaves.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            if url.lastPathComponent == "__pycache__" { enumerator.skipDescendants(); continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The commit the package is built from, `+dirty` when tracked files differ from it;
    /// "unknown" outside a git checkout (a source tarball). Asked of git at every build so
    /// that `--version` never names a stale commit.
    static func commit(in root: URL) -> String {
        guard let hash = git(["rev-parse", "--short=12", "HEAD"], in: root), !hash.isEmpty else { return "unknown" }
        let changes = git(["status", "--porcelain", "--untracked-files=no"], in: root) ?? ""
        return changes.isEmpty ? hash : hash + "+dirty"
    }

    static func git(_ arguments: [String], in root: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
