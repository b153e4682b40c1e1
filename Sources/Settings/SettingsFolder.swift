import Foundation

/// Where a person's scaletop settings live: `$XDG_CONFIG_HOME/scaletop`, or
/// `~/.config/scaletop` when XDG_CONFIG_HOME is unset or not absolute (the XDG Base
/// Directory rule). scaletop only ever reads here; it never creates or writes a file.
public struct SettingsFolder: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The folder the environment names; nil when neither XDG_CONFIG_HOME nor HOME is usable.
    public init?(environment: [String: String]) {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            path = xdg + "/scaletop"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            path = home + "/.config/scaletop"
        } else {
            return nil
        }
    }

    public var configFile: String { path + "/config.yml" }
    public var themesFolder: String { path + "/themes" }

    /// The settings in `config.yml`: the defaults, without a problem, when there is no file.
    public func loadSettings() -> (settings: UserSettings, problems: [SettingsProblem]) {
        guard FileManager.default.fileExists(atPath: configFile) else { return (UserSettings(), []) }
        guard let data = FileManager.default.contents(atPath: configFile) else {
            return (UserSettings(), [SettingsProblem(file: configFile, line: nil, key: nil, message: "cannot be read; using the defaults")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (UserSettings(), [SettingsProblem(file: configFile, line: nil, key: nil, message: "is not UTF-8 text; using the defaults")])
        }
        return UserSettings.parse(yaml: text, file: configFile)
    }
}

extension String {
    /// `~/x` as `$HOME/x`: settings files name folders the way people type them.
    public func expandingTilde(home: String?) -> String {
        guard let home, self == "~" || hasPrefix("~/") else { return self }
        return home + dropFirst()
    }
}
