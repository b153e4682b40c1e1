import BundledFiles
import Charts
import Foundation
import Testing
@testable import Settings

@Suite struct ThemeCatalogTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "scaletop-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theProjectsThemesAreBuiltIn() throws {
        let names = ThemeCatalog.builtIn().map(\.name)
        #expect(names.first == "dark")
        let files = try FileManager.default.contentsOfDirectory(atPath: SharedRoot.themes)
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) }
        #expect(Set(names) == Set(files))
        // Built in, not read from the folder: the same as parsing the file now.
        let light = try String(contentsOfFile: SharedRoot.themes + "/light.theme", encoding: .utf8)
        #expect(ThemeCatalog.builtIn().first { $0.name == "light" } == ThemeFile.parse(light, name: "light").theme)
    }

    @Test func aNameIsFoundWithoutAnyFolder() throws {
        let catalog = ThemeCatalog(settingsFolder: nil, environment: [:])
        #expect(try catalog.theme("light").theme.name == "light")
        #expect(throws: ThemeCatalog.LookupError.self) { try catalog.theme("nope") }
    }

    @Test func aUserThemeJoinsAndOverridesTheBuiltInOnes() throws {
        let settings = try Self.folder()
        try FileManager.default.createDirectory(atPath: settings + "/themes", withIntermediateDirectories: true)
        try "theme[main_bg]=\"#102030\"\n".write(toFile: settings + "/themes/light.theme", atomically: true, encoding: .utf8)
        try "theme[main_fg]=\"#ABCDEF\"\nnot a line\n".write(toFile: settings + "/themes/mine.theme", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(settingsFolder: SettingsFolder(path: settings), environment: [:])
        #expect(try catalog.theme("light").theme.background == .rgb(0x10, 0x20, 0x30))
        let (mine, problems) = try catalog.theme("mine")
        #expect(mine.foreground == .rgb(0xAB, 0xCD, 0xEF))
        #expect(problems.map(\.description) == [settings + "/themes/mine.theme:2: expected theme[key]=\"value\"; ignored"])
        let all = catalog.allThemes().map(\.name)
        #expect(all.filter { $0 == "light" }.count == 1)
        #expect(all.last == "mine")
    }

    @Test func theEnvironmentsFolderComesFirstAndAPathIsReadDirectly() throws {
        let settings = try Self.folder(), env = try Self.folder()
        try FileManager.default.createDirectory(atPath: settings + "/themes", withIntermediateDirectories: true)
        try "theme[main_bg]=\"#010101\"\n".write(toFile: settings + "/themes/x.theme", atomically: true, encoding: .utf8)
        try "theme[main_bg]=\"#020202\"\n".write(toFile: env + "/x.theme", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(settingsFolder: SettingsFolder(path: settings), environment: ["SCALETOP_THEMES": env])
        #expect(try catalog.theme("x").theme.background == .rgb(2, 2, 2))
        #expect(try catalog.theme(settings + "/themes/x.theme").theme.background == .rgb(1, 1, 1))
        #expect(throws: ThemeCatalog.LookupError.self) { try catalog.theme(env + "/missing.theme") }
    }
}

enum SharedRoot {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path
}
