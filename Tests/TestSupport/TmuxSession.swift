import Foundation
import Glibc

/// Drives a program in a real terminal: a detached tmux session of a fixed size, typed
/// into with send-keys and read back with capture-pane, the way a person would see it.
public final class TmuxSession {
    public let name: String
    private let socket: String

    /// True when tmux is installed (the Makefile's install step puts it there).
    public static var isAvailable: Bool {
        (try? ProcessRunner.run(["tmux", "-V"]).status) == 0
    }

    /// Start an interactive bash (no rc files, prompt `$ `) in a `width`×`height` pane.
    public init(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "scaletop-e2e-\(UUID().uuidString.prefix(8))"
        socket = NSTemporaryDirectory() + name + ".sock"
        var env = ["PS1": "$ ", "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let result = try ProcessRunner.run(["tmux", "-S", socket, "-u", "new-session", "-d", "-s", name,
                                   "-x", String(width), "-y", String(height),
                                   "env -i PATH=\"$PATH\" HOME=\"$HOME\" \(exports) bash --norc --noprofile -i"])
        guard result.status == 0 else { throw Failure(message: "tmux new-session failed: \(result.output)") }
        _ = try? tmux(["set-option", "-t", name, "remain-on-exit", "on"])
        _ = try waitFor(timeout: 10) { $0.contains("$") }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Type `text` as it is, without Enter (into a prompt of the program under test).
    public func insert(_ text: String) throws {
        _ = try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Type `text` followed by Enter.
    public func type(_ text: String) throws {
        _ = try tmux(["send-keys", "-t", name, "-l", text])
        _ = try tmux(["send-keys", "-t", name, "Enter"])
    }

    /// Press keys by tmux's names (`q`, `C-c`, `C-z`, `Escape`).
    public func press(_ keys: String...) throws {
        _ = try tmux(["send-keys", "-t", name] + keys)
    }

    /// The visible screen as text lines.
    public func screen() throws -> String {
        try tmux(["capture-pane", "-t", name, "-p"]).output
    }

    /// The visible screen with colour escape sequences (`-e`).
    public func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-t", name, "-p", "-e"]).output
    }

    public func resize(width: Int, height: Int) throws {
        _ = try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    public func paneTitle() throws -> String {
        try tmux(["display-message", "-t", name, "-p", "#{pane_title}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Poll the screen until `condition` holds; throws with the last screen when it never does.
    @discardableResult
    public func waitFor(timeout: Double = 10, _ what: String = "condition", _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? ""
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(message: "timed out waiting for \(what); the screen was:\n\(last)")
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ProcessRunner.run(["tmux", "-S", socket] + arguments)
    }
}

/// The built `scaletop` binary the end-to-end tests drive: `SCALETOP_BINARY`, else the one
/// beside the test bundle (`swift build` puts both in the same folder).
public enum BuiltBinary {
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["SCALETOP_BINARY"] { return override }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("scaletop").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return SharedData.packageRoot.appendingPathComponent(".build/debug/scaletop").path
    }
}
