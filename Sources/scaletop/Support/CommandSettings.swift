import Foundation
import Settings

/// The person's settings (`$XDG_CONFIG_HOME/scaletop/config.yml`) and themes, read once
/// per process. Problems in the file are printed to stderr, one line each, the first time
/// a command asks; the defaults stand in for what was wrong.
enum CommandSettings {
    static let environment = ProcessInfo.processInfo.environment
    static let folder = SettingsFolder(environment: environment)
    private static let loaded: (settings: UserSettings, problems: [SettingsProblem])
        = folder?.loadSettings() ?? (UserSettings(), [])
    static let themes = ThemeCatalog(settingsFolder: folder, environment: environment)

    static var problems: [SettingsProblem] { loaded.problems }

    /// The settings, after saying on stderr what was wrong with them (once).
    static var current: UserSettings {
        reportOnce()
        return loaded.settings
    }

    private static let reported: Void = {
        for problem in loaded.problems { warn(problem.description) }
    }()

    static func reportOnce() { _ = reported }

    static func warn(_ line: String) {
        FileHandle.standardError.write(Data("scaletop: \(line)\n".utf8))
    }

    /// A path from the settings file with `~/` expanded.
    static func path(_ text: String) -> String {
        text.expandingTilde(home: environment["HOME"])
    }
}
