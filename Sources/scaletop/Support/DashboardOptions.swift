import ArgumentParser
import Charts
import Export
import Foundation
import Glibc
import RunIngest
import Settings
import Terminal

/// Options shared by `watch` and `demo`.
struct DashboardOptions: ParsableArguments {
    @Flag(help: "Poll files instead of using inotify (for NFS, Lustre and other network file systems, where inotify misses other machines' writes).")
    var poll = false

    @Option(help: "Seconds between polls: of the files with --poll (default 1), of a tracking server (default 5).")
    var pollInterval: Double?

    @Option(help: "Theme: dark, light, high-contrast, colorblind, mono, one of yours in $XDG_CONFIG_HOME/scaletop/themes, or a .theme file's path; t cycles (default: config.yml's theme, else dark).")
    var theme: String?

    @Option(help: "Where s and S write the panels (default: config.yml's export_dir, else the current folder; never inside the watched folder).")
    var exportDir: String?

    @Option(parsing: .unconditional, help: "Bootstrap replicates for the fits' bands and intervals; fewer is faster on small machines (default: config.yml's bootstrap, else 200).")
    var bootstrap: Int?

    func validate() throws {
        if let bootstrap, !(0...UserSettings.maximumBootstrapSamples).contains(bootstrap) {
            throw ValidationError("--bootstrap must be between 0 and \(UserSettings.maximumBootstrapSamples)")
        }
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

    /// The chosen theme first, then every other theme for `t` to cycle through.
    func loadThemes(settings: UserSettings) throws -> [Theme] {
        let catalog = CommandSettings.themes
        let name = theme ?? settings.theme.map(CommandSettings.path) ?? "dark"
        let chosen: Theme
        do {
            let (found, problems) = try catalog.theme(name)
            for problem in problems { CommandSettings.warn(problem.description) }
            chosen = found
        } catch {
            // A bad theme in config.yml must not stop the dashboard: say so and use dark.
            guard theme == nil else { throw ValidationError("--theme: \(error.description)") }
            CommandSettings.warn("\(CommandSettings.folder?.configFile ?? "config.yml"): theme: \(error.description); using dark")
            chosen = .dark
        }
        return [chosen] + catalog.allThemes().filter { $0.name != chosen.name }
    }

    /// Run the dashboard on `feed` until `q` or a signal; exit like a shell would.
    /// `studyName` names the study in exported captions (a folder's name, or a tracking
    /// server's address without its credentials).
    func runDashboard(feed: RunFeed, title: String, studyName: String) throws -> Int32 {
        let settings = CommandSettings.current
        let app = DashboardApp(follower: feed, title: title, themes: try loadThemes(settings: settings))
        // Never torn down: the study goes back to the system with the process. Freeing
        // 10,000 runs' points one by one took over a second after `q`, with the shell's
        // prompt waiting for it.
        _ = Unmanaged.passRetained(app)
        _ = Unmanaged.passRetained(feed as AnyObject)
        app.bootstrapSamples = bootstrap ?? settings.bootstrapSamples ?? app.bootstrapSamples
        if let hardware = settings.hardware { app.state.whatIf.hardware = hardware }
        let problems = CommandSettings.problems
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more, printed when scaletop exits)" : ""
            app.state.notice = StatusNotice(first.description + more, isError: true)
        }
        let requestedFolder = exportDir ?? settings.exportDirectory.map(CommandSettings.path)
        let folder = try DashboardFileExporter.folder(requested: requestedFolder, watchedRoots: feed.watchedFolders)
        let sourceDateEpoch: Int?
        do { sourceDateEpoch = try SourceDateEpoch.fromEnvironment() } catch { throw CommandFailure("\(error)") }
        app.exporter = DashboardFileExporter(folder: folder, watchedRoots: feed.watchedFolders,
                                             provenance: FigureProvenance(studyFolder: studyName, bootstrapSamples: app.bootstrapSamples),
                                             sourceDateEpoch: sourceDateEpoch)
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
