import Testing
@testable import Settings

@Suite struct UserSettingsTests {
    @Test func everyKeyIsRead() {
        let (settings, problems) = UserSettings.parse(yaml: """
            # my settings
            theme: light
            export_dir: ~/figures
            hardware: tpu v5e
            bootstrap: 50
            """, file: "config.yml")
        #expect(problems.isEmpty)
        #expect(settings == UserSettings(theme: "light", exportDirectory: "~/figures", hardware: "TPU-v5e", bootstrapSamples: 50))
    }

    @Test func anEmptyFileOrOnlyCommentsGivesTheDefaults() {
        for text in ["", "# nothing yet\n", "\n\n"] {
            let (settings, problems) = UserSettings.parse(yaml: text, file: "config.yml")
            #expect(settings == UserSettings())
            #expect(problems.isEmpty)
        }
    }

    @Test func aBadValueNamesFileLineAndKeyAndKeepsTheRest() {
        let (settings, problems) = UserSettings.parse(yaml: """
            theme: mono
            bootstrap: lots
            hardware: H100
            """, file: "/home/a/.config/scaletop/config.yml")
        #expect(settings == UserSettings(theme: "mono", hardware: "H100"))
        #expect(problems.count == 1)
        #expect(problems.first?.description
            == "/home/a/.config/scaletop/config.yml:2: bootstrap: expected a whole number from 0 to 100000, got 'lots'; ignored")
    }

    @Test func outOfRangeAndUnknownValuesAreProblems() {
        let (settings, problems) = UserSettings.parse(yaml: "bootstrap: -1\nhardware: abacus\ncolour: red\n", file: "c.yml")
        #expect(settings == UserSettings())
        #expect(problems.map(\.line) == [1, 2, 3])
        #expect(problems.map(\.key) == ["bootstrap", "hardware", "colour"])
        #expect(problems[1].message.hasPrefix("unknown hardware 'abacus' (one of A100, H100"))
        #expect(problems[2].message == "unknown key (known: theme, export_dir, hardware, bootstrap); ignored")
    }

    @Test func aListOrMappingWhereAValueBelongsIsAProblem() {
        let (settings, problems) = UserSettings.parse(yaml: "theme:\n  - light\n  - dark\nhardware: A100\n", file: "c.yml")
        #expect(settings == UserSettings(hardware: "A100"))
        #expect(problems.count == 1)
        #expect(problems.first?.line == 1)
        #expect(problems.first?.key == "theme")
    }

    @Test func textThatIsNotYAMLIsOneProblemWithItsLineAndTheDefaults() {
        let (settings, problems) = UserSettings.parse(yaml: "theme: light\nhardware: [A100\n", file: "c.yml")
        #expect(settings == UserSettings())
        #expect(problems.count == 1)
        #expect(problems.first?.line != nil)
        #expect(problems.first?.message.contains("not valid YAML") == true)
        #expect(problems.first?.message.hasSuffix("using the defaults") == true)
    }

    @Test func aListAtTheTopIsOneProblem() {
        let (settings, problems) = UserSettings.parse(yaml: "- light\n- dark\n", file: "c.yml")
        #expect(settings == UserSettings())
        #expect(problems.map(\.description) == ["c.yml:1: expected `key: value` lines; using the defaults"])
    }

    @Test func tildeExpandsOnlyAtTheStart() {
        #expect("~/figs".expandingTilde(home: "/home/a") == "/home/a/figs")
        #expect("~".expandingTilde(home: "/home/a") == "/home/a")
        #expect("a/~/b".expandingTilde(home: "/home/a") == "a/~/b")
        #expect("~bob/x".expandingTilde(home: "/home/a") == "~bob/x")
        #expect("~/x".expandingTilde(home: nil) == "~/x")
    }

    @Test func theFolderFollowsXDG() {
        #expect(SettingsFolder(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])?.configFile == "/x/scaletop/config.yml")
        // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
        #expect(SettingsFolder(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"])?.path == "/h/.config/scaletop")
        #expect(SettingsFolder(environment: [:]) == nil)
    }
}
