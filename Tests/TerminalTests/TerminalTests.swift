import Foundation
import Testing
import TestSupport
@testable import Charts
@testable import RunIngest
@testable import Terminal

@Suite struct ColorDepthTests {
    @Test func noColorWinsOverAnyTerminal() {
        #expect(ColorDepth.choose(hasColors: true, colors: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorDepth.choose(hasColors: true, colors: 256, environment: ["NO_COLOR": ""]) == .palette256)
        #expect(ColorDepth.choose(hasColors: false, colors: 0, environment: [:]) == .none)
        #expect(ColorDepth.choose(hasColors: true, colors: 8, environment: [:]) == .sixteen)
        #expect(ColorDepth.choose(hasColors: true, colors: 0x100_0000, environment: [:]) == .direct)
    }

    @Test func rgbMapsToTheNearestPaletteEntry() {
        #expect(ColorDepth.palette256.colorNumber(.rgb(255, 0, 0)) == 196)
        #expect(ColorDepth.palette256.colorNumber(.rgb(0x26, 0x2A, 0x33)) == 236)
        #expect(ColorDepth.palette256.colorNumber(.rgb(0, 0x87, 0xAF)) == 31)
        #expect(ColorDepth.sixteen.colorNumber(.rgb(250, 10, 10)) == 9)
        #expect(ColorDepth.sixteen.colorNumber(.rgb(0, 0, 0)) == 0)
        #expect(ColorDepth.direct.colorNumber(.rgb(0x12, 0x34, 0x56)) == 0x123456)
        #expect(ColorDepth.palette256.colorNumber(.terminalDefault) == -1)
        #expect(ColorDepth.none.colorNumber(.rgb(1, 2, 3)) == -1)
    }
}

@Suite struct KeyBindingsTests {
    let runs = [Run(id: "a", name: "a", metadata: RunMetadata(parameters: 1e8, tokensPerStep: 10),
                    points: [MetricPoint(step: 1, loss: 3)])]

    @Test func quitHelpAxesAndScales() {
        var state = DashboardState()
        #expect(KeyBindings.handle(.character("?"), state: &state, runs: runs) == .redraw)
        #expect(state.showHelp)
        #expect(KeyBindings.handle(.character("x"), state: &state, runs: runs) == .redraw)
        #expect(!state.showHelp, "any key closes the help")
        #expect(state.xAxis == .tokens)
        #expect(KeyBindings.handle(.character("x"), state: &state, runs: runs) == .redraw)
        #expect(state.xAxis == .flops)
        #expect(KeyBindings.handle(.character("x"), state: &state, runs: runs) == .redraw)
        #expect(state.xAxis == .step, "wall time is skipped when no run has timestamps")
        #expect(KeyBindings.handle(.character("a"), state: &state, runs: runs) == .redraw)
        #expect(!state.logX && !state.logY)
        #expect(KeyBindings.handle(.resize, state: &state, runs: runs) == .repaint)
        #expect(KeyBindings.handle(.character("Z"), state: &state, runs: runs) == .ignored)
        #expect(KeyBindings.handle(.character("q"), state: &state, runs: runs) == .quit)
    }

    @Test func theDefaultAxisFollowsWhatRunsCanShowUntilChosen() {
        var state = DashboardState()
        let stepOnly = [Run(id: "b", name: "b", points: [MetricPoint(step: 1, loss: 3)])]
        state.settleDefaultAxis(runs: stepOnly)
        #expect(state.xAxis == .step)
        state.settleDefaultAxis(runs: runs)
        #expect(state.xAxis == .tokens)
        state.cycleXAxis(runs: runs)
        state.settleDefaultAxis(runs: stepOnly)
        #expect(state.xAxis == .flops, "a chosen axis stays")
    }

    @Test func everyKeyTheHelpNamesDoesSomething() {
        let named: [String: Key] = ["Tab": .tab, "↑↓": .up, "←→": .left, "Esc": .escape, "Ctrl-L": .controlL,
                                    "1-5": .character("3")]
        for entry in KeyBindings.help {
            for token in entry.key.split(separator: " ").map(String.init) {
                var state = DashboardState()
                state.filter = "x"     // so Esc has something to clear
                let key = named[token] ?? .character(token.unicodeScalars.first!)
                #expect(KeyBindings.handle(key, state: &state, runs: runs, visibleRunIDs: ["a"]) != .ignored,
                        "help lists \(token) for '\(entry.action)'")
            }
        }
    }
}

@Suite struct ThemeCyclingTests {
    @Test func tCyclesThemesAndTheBundledThemesAllParseCleanly() throws {
        var state = DashboardState()
        #expect(KeyBindings.handle(.character("t"), state: &state, runs: []) == .redraw)
        #expect(state.themeIndex == 1)
        let folder = TestSupport.SharedData.packageRoot.appendingPathComponent("themes").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".theme") }.sorted()
        #expect(names == ["colorblind.theme", "dark.theme", "high-contrast.theme", "light.theme", "mono.theme"])
        for name in names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let (theme, problems) = ThemeFile.parse(text, name: name)
            #expect(problems.isEmpty, "\(name): \(problems)")
            #expect(!theme.runPalette.isEmpty)
        }
        let mono = ThemeFile.parse(try String(contentsOfFile: folder + "/mono.theme", encoding: .utf8), name: "mono").theme
        #expect(mono.runPalette.allSatisfy { $0 == .terminalDefault })
    }
}
