import Foundation
import Testing
import TestSupport

/// The real binary in a real terminal (tmux): what only a terminal can show (start, quit,
/// signals, a crash, Ctrl-Z, resize, escape sequences, ASCII and no colour, one live append). Skipped with a message when tmux is missing (`make test` installs it).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux (make test installs it)"))
struct DashboardEndToEndTests {
    let study: String
    let binary = BuiltBinary.path

    init() throws {
        study = NSTemporaryDirectory() + "scaletop-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: study + "/ladder-190M", withIntermediateDirectories: true)
        try #"{"parameters": 190354176, "tokens_per_step": 524288, "planned_tokens": 3.8e9}"#
            .write(toFile: study + "/ladder-190M/scaletop.json", atomically: true, encoding: .utf8)
        try append(lines: [(200, 6.03), (400, 5.12)])
    }

    var metrics: String { study + "/ladder-190M/metrics.jsonl" }

    func append(lines: [(Int, Double)]) throws {
        try append(raw: lines.map { "{\"step\": \($0.0), \"loss\": \($0.1)}\n" }.joined())
    }

    func append(raw text: String, to path: String? = nil) throws {
        let file = path ?? metrics
        if !FileManager.default.fileExists(atPath: file) { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// Start the dashboard on the study in an interactive shell; after it exits the shell
    /// prints its exit status and the terminal's modes, so restoration can be checked.
    func start(_ session: TmuxSession, arguments: String = "", environment: String = "", reportAfterExit: Bool = true) throws {
        let command = "\(environment) '\(binary)' watch '\(study)' --bootstrap 10 \(arguments)"
        try session.type(reportAfterExit ? command + "; " + report : command)
        try session.waitFor(timeout: 15, "the dashboard") { $0.contains("Loss curves") }
    }

    /// Prints the last exit status and whether echo and canonical input are on.
    let report = "echo EXITED=$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo\\|-\\?icanon' | tr '\\n' ' '; echo"

    func expectRestored(_ session: TmuxSession, status: Int) throws {
        // Wait for the status and the line of terminal modes printed after it.
        let screen = try session.waitFor(timeout: 10, "exit status \(status)") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("EXITED=\(status)") }
                && screen.split(separator: "\n").contains { $0.contains("icanon") && $0.contains("echo") && !$0.contains("grep") }
        }
        #expect(!screen.contains("Loss curves"), "the dashboard's alternate screen should be gone")
        #expect(screen.contains("icanon echo"), "echo and canonical mode should be back on")
    }

    /// One live append end to end: a write to the log reaches the screen through inotify.
    /// Keys, panels and parse errors are tested on a screen in memory (DashboardHarnessTests).
    @Test func anAppendedLineReachesTheScreenAndQQuits() throws {
        let session = try TmuxSession()
        try start(session)
        try session.waitFor("2 points") { $0.contains(" 1 runs (1 live) · 2 points · 0 parse errors") }
        try append(lines: [(800, 4.4), (1600, 3.9), (3200, 3.6)])
        let after = try session.waitFor("5 points") { $0.contains("1 runs (1 live) · 5 points") }
        #expect(after.contains("N=190M"))
        try session.press("q")
        try expectRestored(session, status: 0)
    }

    /// A click as the terminal sends it (xterm's SGR encoding, which ncurses asks for under
    /// TERM=xterm-256color and tmux passes on): on the header's tab of the runs table, which
    /// takes the focus.
    @Test func aMouseClickOnATabFocusesItsPanel() throws {
        let session = try TmuxSession()
        try start(session)
        let screen = try session.waitFor("the header") { $0.contains("2 Runs") }
        let header = try #require(screen.split(separator: "\n").first)
        let column = try #require(header.range(of: "2 Runs")).lowerBound.utf16Offset(in: header) + 1
        // Button 1 down, then up a moment later as a hand does, at the tab's column on the
        // first row (1-based).
        try session.insert("\u{1B}[<0;\(column + 1);1M")
        Thread.sleep(forTimeInterval: 0.1)
        try session.insert("\u{1B}[<0;\(column + 1);1m")
        // Zoom shows the focused panel alone.
        try session.press("z")
        try session.waitFor("the runs panel zoomed") { $0.contains("2·Runs (1)") && !$0.contains("1·Loss curves") }
        try session.press("q")
        try expectRestored(session, status: 0)
    }

    @Test func signalsRestoreTheTerminal() throws {
        for (signal, key, status) in [("TERM", nil, 143), ("HUP", nil, 129), (nil, "C-c", 130)] as [(String?, String?, Int)] {
            let session = try TmuxSession()
            try start(session)
            if let key { try session.press(key) }
            if let signal {
                _ = try ProcessRunner.run(["pkill", "-\(signal)", "-f", "watch \(study)"])
            }
            try expectRestored(session, status: status)
        }
    }

    /// A crash restores the terminal itself. Run from sh, which, unlike an interactive bash,
    /// does not put back the modes of a job that died: the modes restored are the dashboard's
    /// own, saved before curses changed them (they were curses' own modes, no echo, until
    /// the save moved before newterm).
    @Test func aCrashRestoresTheTerminal() throws {
        let script = study + "-crash.sh"
        try "ulimit -c 0\n'\(binary)' watch '\(study)' --bootstrap 10\n\(report)\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let session = try TmuxSession()
        try session.type("sh '\(script)'")
        try session.waitFor(timeout: 15, "the dashboard") { $0.contains("Loss curves") }
        _ = try ProcessRunner.run(["pkill", "-SEGV", "-f", "watch \(study)"])
        try expectRestored(session, status: 139)
    }

    @Test func suspendAndResumeWithCtrlZAndFg() throws {
        let session = try TmuxSession()
        // Alone on the line: after Ctrl-Z the shell would otherwise run the rest of the list.
        try start(session, reportAfterExit: false)
        try session.press("C-z")
        try session.waitFor("the shell after Ctrl-Z") { $0.contains("Stopped") && !$0.contains("Loss curves") }
        // A resize while stopped is signalled to the shell only; the dashboard finds it after fg.
        try session.resize(width: 90, height: 30)
        try session.type("fg")
        try session.waitFor("the dashboard after fg, 90 wide") { screen in
            screen.contains("Loss curves") && screen.contains("2 points")
                && screen.split(separator: "\n").contains { $0.hasPrefix("╰") && $0.count == 90 }
        }
        try append(lines: [(800, 4.4)])
        try session.waitFor("a point after fg") { $0.contains("3 points") }
        try session.press("q")
        try session.waitFor("the shell") { !$0.contains("Loss curves") }
        try session.type(report)
        try expectRestored(session, status: 0)
    }

    @Test func resizeDownTo40x12AndBack() throws {
        let session = try TmuxSession()
        try start(session)
        try session.resize(width: 40, height: 12)
        let small = try session.waitFor("the 40×12 layout") { screen in
            screen.contains("Loss curves") && screen.split(separator: "\n").allSatisfy { $0.count <= 40 }
                && screen.contains("2 points")
        }
        #expect(small.split(separator: "\n").count <= 12)
        try session.resize(width: 120, height: 40)
        try session.waitFor("the full layout again") { $0.contains("N=190M") && $0.contains("following (inotify)") }
        try session.press("q")
        try expectRestored(session, status: 0)
    }

    @Test func runNamesWithEscapeSequencesNeverReachTheTerminal() throws {
        let hostile = study + "/\u{1B}]0;pwned\u{07}\u{1B}[31mevil"
        try FileManager.default.createDirectory(atPath: hostile, withIntermediateDirectories: true)
        try append(raw: "{\"step\": 1, \"loss\": 4.0}\n{\"step\": 2, \"loss\": 3.5}\n", to: hostile + "/metrics.jsonl")
        let session = try TmuxSession()
        let titleBefore = try session.paneTitle()
        try start(session)
        let screen = try session.waitFor("the hostile run") { $0.contains("2 runs") && $0.contains("evil") }
        #expect(!screen.contains("[31m"))
        #expect(!screen.contains("pwned"))
        #expect(try session.paneTitle() == titleBefore)
        try session.press("q")
        try expectRestored(session, status: 0)
    }

    @Test func asciiFallbackAndNoColor() throws {
        let session = try TmuxSession()
        try start(session, environment: "LC_ALL=C LANG=C NO_COLOR=1")
        let screen = try session.waitFor("the ASCII frame") { $0.contains("+- 1 Loss curves") }
        #expect(!screen.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "no braille without UTF-8")
        let escapes = try session.screenWithEscapes()
        #expect(!escapes.contains("\u{1B}[38;"), "NO_COLOR: no foreground colours")
        try session.press("q")
        try expectRestored(session, status: 0)
    }

    @Test func pollingModeSeesAppends() throws {
        let session = try TmuxSession()
        try start(session, arguments: "--poll --poll-interval 0.2")
        try session.waitFor("polling label") { $0.contains("polling every 0.2 s") && $0.contains("2 points") }
        try append(lines: [(800, 4.4)])
        try session.waitFor("3 points by polling") { $0.contains("3 points") }
        try session.press("q")
        try expectRestored(session, status: 0)
    }
}
