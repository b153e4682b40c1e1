import ArgumentParser
import Charts
import Export
import Foundation
import Glibc
import RunIngest
import Terminal

/// Options shared by `watch` and `demo`.
struct DashboardOptions: ParsableArguments {
    @Flag(help: "Poll files instead of using inotify (for NFS, Lustre and other network file systems, where inotify misses other machines' writes).")
    var poll = false

    @Option(help: "Seconds between polls: of the files with --poll (default 1), of a tracking server (default 5).")
    var pollInterval: Double?

    @Option(help: "Theme: a name from themes/ (dark, light, high-contrast, colorblind, mono) or a path to a .theme file; t cycles.")
    var theme: String = "dark"

    @Option(help: "Where s and S write the panels (default: the current folder; never inside the watched folder).")
    var exportDir: String?

    func validate() throws {
        if let pollInterval, !(pollInterval.isFinite && pollInterval >= 0.05 && pollInterval <= 3600) {
            throw ValidationError("--poll-interval must be between 0.05 and 3600 seconds")
        }
    }

    var followMode: StudyFollower.Mode {
        poll ? .polling(intervalSeconds: pollInterval ?? 1) : .inotify
    }

    /// Seconds between reads of a tracking server: a few, so a study of many runs costs the
    /// server little while a new point still shows within seconds.
    var serverPollInterval: Double { pollInterval ?? 5 }

    /// The chosen theme first, then every other bundled theme for `t` to cycle through.
    func loadThemes() throws -> [Theme] {
        let chosen = try ThemeLoader.load(theme)
        return [chosen] + ThemeLoader.bundled().filter { $0.name != chosen.name }
    }

    /// Run the dashboard on `feed` until `q` or a signal; exit like a shell would.
    /// `studyName` names the study in exported captions (a folder's name, or a tracking
    /// server's address without its credentials).
    func runDashboard(feed: RunFeed, title: String, studyName: String) throws -> Int32 {
        let app = DashboardApp(follower: feed, title: title, themes: try loadThemes())
        let folder = try DashboardFileExporter.folder(requested: exportDir, watchedRoots: feed.watchedFolders)
        app.exporter = DashboardFileExporter(folder: folder, watchedRoots: feed.watchedFolders,
                                             provenance: FigureProvenance(studyFolder: studyName, bootstrapSamples: app.bootstrapSamples))
        do {
            switch try app.run(environment: ProcessInfo.processInfo.environment) {
            case .quitKey: return 0
            case .signal(let s): return 128 + s
            }
        } catch let error as Screen.StartError {
            throw CommandFailure(error.description)
        }
    }
}

/// Finds theme files: `--theme PATH`, `$SCALETOP_THEMES/NAME.theme`, `themes/` in the
/// working directory, or `themes/` of the source tree the binary was built in.
enum ThemeLoader {
    static func load(_ nameOrPath: String) throws -> Theme {
        for candidate in candidates(nameOrPath) where FileManager.default.fileExists(atPath: candidate) {
            let text = try String(contentsOfFile: candidate, encoding: .utf8)
            let name = URL(fileURLWithPath: candidate).deletingPathExtension().lastPathComponent
            let (theme, problems) = ThemeFile.parse(text, name: name)
            for problem in problems {
                FileHandle.standardError.write(Data("scaletop: \(candidate): \(problem) (ignored)\n".utf8))
            }
            return theme
        }
        if nameOrPath == Theme.dark.name { return .dark }
        throw ValidationError("no theme '\(nameOrPath)' (looked in: \(candidates(nameOrPath).joined(separator: ", ")))")
    }

    /// Every theme in the first themes folder found, by name.
    static func bundled() -> [Theme] {
        for folder in folders() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            let themes = names.filter { $0.hasSuffix(".theme") }.sorted().compactMap { name -> Theme? in
                guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { return nil }
                return ThemeFile.parse(text, name: String(name.dropLast(".theme".count))).theme
            }
            if !themes.isEmpty { return themes }
        }
        return [.dark]
    }

    static func folders() -> [String] {
        var folders: [String] = []
        if let env = ProcessInfo.processInfo.environment["SCALETOP_THEMES"] { folders.append(env) }
        folders.append(FileManager.default.currentDirectoryPath + "/themes")
        if let root = SourceTree.root { folders.append(root + "/themes") }
        return folders
    }

    static func candidates(_ nameOrPath: String) -> [String] {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") { return [nameOrPath] }
        return folders().map { $0 + "/" + nameOrPath + ".theme" }
    }
}

/// The source tree the binary was built in (`<root>/.build/<config>/scaletop`), where the
/// bundled themes and sample runs live when running from a checkout.
enum SourceTree {
    static var root: String? {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if !CommandLine.arguments[0].contains("/"), let found = searchPath(CommandLine.arguments[0]) { url = found }
        for _ in 0..<5 {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return nil
    }

    private static func searchPath(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.resolvingSymlinksInPath() }
        }
        return nil
    }
}
