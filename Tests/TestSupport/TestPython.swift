import Foundation

/// The Python the tests run their oracles with: the project's `.venv` (made by
/// `scripts/python-env.sh`, which `make test` runs, with the real tensorboardX, wandb and
/// mlflow), else `SCALETOP_TEST_PYTHON`, else `python3` on PATH.
public enum TestPython {
    public static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["SCALETOP_TEST_PYTHON"], FileManager.default.isExecutableFile(atPath: chosen) {
            return chosen
        }
        let venv = SharedData.packageRoot.appendingPathComponent(".venv/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// What to put first in a command line: the interpreter's path, or `python3` (which then
    /// fails to start, and the test says so) when none was found.
    public static var command: String { path ?? "python3" }

    /// Whether the interpreter can import every one of `modules`.
    public static func canImport(_ modules: String...) -> Bool {
        guard path != nil else { return false }
        let statement = modules.map { "import \($0)" }.joined(separator: "; ")
        return (try? ProcessRunner.run([command, "-c", statement]).status) == 0
    }
}
