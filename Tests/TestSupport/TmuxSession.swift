import Foundation
import Glibc

/// Drives a program in a real terminal: a detached tmux session of a fixed size, typed
/// into with send-keys and read back with capture-pane, the way a person would see it.
public final class TmuxSession {
    public let name: String
    private let socket: String

    /// True when tmux is installed (the Makefile's install step puts it there).
    public static var isAvailable: Bool {
        (try? run(["tmux", "-V"]).status) == 0
    }

    /// Start an interactive bash (no rc files, prompt `$ `) in a `width`×`height` pane.
    public init(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "scaletop-e2e-\(UUID().uuidString.prefix(8))"
        socket = NSTemporaryDirectory() + name + ".sock"
        var env = ["PS1": "$ ", "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let result = try Self.run(["tmux", "-S", socket, "-u", "new-session", "-d", "-s", name,
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
        try Self.run(["tmux", "-S", socket] + arguments)
    }

    /// Run a command and wait for it. posix_spawn and waitpid rather than Foundation's
    /// Process, whose exit detection hung here once `tmux new-session` had forked its
    /// server. Output goes to a file, not a pipe: the forked server keeps inherited
    /// descriptors open, so reading a pipe to its end would never return.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "scaletop-run-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block signals; the child must start with none blocked
        // and default handlers, as a program started from a shell does.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard spawned == 0 else { throw Failure(message: "cannot run \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return (exitCode, String(decoding: data, as: UTF8.self))
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
