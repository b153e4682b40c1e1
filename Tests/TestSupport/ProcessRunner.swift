import Foundation
import Glibc

/// Runs a command to completion for the tests: the built binary, tmux, python3, pkill.
public enum ProcessRunner {
    /// Run a command and wait for it. posix_spawn and waitpid rather than Foundation's
    /// Process, whose exit detection hung here once `tmux new-session` had forked its
    /// server. Output goes to a file, not a pipe: the forked server keeps inherited
    /// descriptors open, so reading a pipe to its end would never return.
    /// Standard output and error together, in the order written.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let r = try spawn(arguments, separateErrors: false)
        return (r.status, r.output)
    }

    /// Standard output (a report to parse) apart from standard error (progress, warnings).
    public static func runSeparately(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try spawn(arguments, separateErrors: true)
    }

    private static func spawn(_ arguments: [String], separateErrors: Bool) throws -> (status: Int32, output: String, errors: String) {
        let outputPath = NSTemporaryDirectory() + "scaletop-run-\(UUID().uuidString).out"
        let errorPath = outputPath + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if separateErrors {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let pid = try ChildSpawn.spawn(arguments, actions: &actions)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        let errors = FileManager.default.contents(atPath: errorPath) ?? Data()
        return (exitCode, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
