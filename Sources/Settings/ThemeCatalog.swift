import BundledFiles
import Charts
import Foundation

/// Every theme a person can choose, by name: the ones built into the binary, overridden or
/// joined by `.theme` files in the settings folder's `themes/` and in `$SCALETOP_THEMES`
/// (in that order of precedence, the environment variable first). `--theme PATH` names a
/// file directly.
public struct ThemeCatalog: Sendable {
    public struct LookupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Folders searched for `NAME.theme`, most specific first.
    public let folders: [String]

    public init(settingsFolder: SettingsFolder?, environment: [String: String]) {
        var folders: [String] = []
        if let override = environment["SCALETOP_THEMES"], !override.isEmpty { folders.append(override) }
        if let settingsFolder { folders.append(settingsFolder.themesFolder) }
        self.folders = folders
    }

    /// The theme named `nameOrPath` (a path when it holds `/` or ends in `.theme`), and any
    /// lines of its file that were ignored.
    public func theme(_ nameOrPath: String) throws(LookupError) -> (theme: Theme, problems: [SettingsProblem]) {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            guard let loaded = Self.load(file: nameOrPath) else {
                throw LookupError(description: "cannot read the theme file \(nameOrPath)")
            }
            return loaded
        }
        for folder in folders {
            if let loaded = Self.load(file: folder + "/" + nameOrPath + ".theme") { return loaded }
        }
        if let builtIn = Self.builtIn().first(where: { $0.name == nameOrPath }) { return (builtIn, []) }
        let known = allThemes().map(\.name).joined(separator: ", ")
        throw LookupError(description: "no theme '\(nameOrPath)' (known: \(known); or give a .theme file's path)")
    }

    /// Every theme by name, the built-in ones first in their order, then the person's own;
    /// a file named like a built-in theme replaces it.
    public func allThemes() -> [Theme] {
        var themes = Self.builtIn()
        for folder in folders.reversed() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".theme") {
                guard let (theme, _) = Self.load(file: folder + "/" + name) else { continue }
                if let i = themes.firstIndex(where: { $0.name == theme.name }) { themes[i] = theme } else { themes.append(theme) }
            }
        }
        return themes
    }

    /// The themes built into the binary (the project's `themes/` folder at build time), dark first.
    public static func builtIn() -> [Theme] {
        let themes = BundledFiles.files(under: "themes").compactMap { file -> Theme? in
            guard file.path.hasSuffix(".theme"), let text = String(data: file.contents, encoding: .utf8) else { return nil }
            let name = String(file.path.dropFirst("themes/".count).dropLast(".theme".count))
            return ThemeFile.parse(text, name: name).theme
        }
        let dark = themes.first { $0.name == Theme.dark.name } ?? .dark
        return [dark] + themes.filter { $0.name != Theme.dark.name }
    }

    /// A theme file read and parsed; nil when it cannot be read as text.
    static func load(file: String) -> (theme: Theme, problems: [SettingsProblem])? {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else { return nil }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let (theme, problems) = ThemeFile.parse(text, name: name)
        return (theme, problems.map { SettingsProblem(file: file, line: $0.line, key: nil, message: $0.message + "; ignored") })
    }
}
