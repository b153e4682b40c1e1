import Foundation
import Glibc

/// A real `mlflow server` for a test: MLflow from .venv (`TestPython`), an SQLite store in a
/// temporary folder, 127.0.0.1 on a free port, stopped by the test (or when dropped).
/// `kill()` and `start()` again keep the folder and port: a server restarted on its database.
public final class MLflowTestServer {
    public let folder: String
    public let port: Int
    public var uri: String { "http://127.0.0.1:\(port)" }
    private var process: BackgroundProcess?

    /// True when .venv's Python has mlflow (`make test` installs it).
    public static var isAvailable: Bool { TestPython.canImport("mlflow") }

    public init(port: Int? = nil) throws {
        folder = NSTemporaryDirectory() + "scaletop-mlflow-server-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.port = port ?? freeLocalPort()
        try start()
    }

    deinit {
        process?.stop(signal: SIGKILL)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Start the server and wait until it answers (up to two minutes on a busy machine).
    public func start() throws {
        // One worker and no background job runner: the tests need only the tracking API,
        // and a two-core machine starts that in seconds.
        process = try BackgroundProcess([TestPython.command, "-m", "mlflow", "server",
                                         "--backend-store-uri", "sqlite:///\(folder)/mlflow.db",
                                         "--default-artifact-root", "\(folder)/artifacts",
                                         "--host", "127.0.0.1", "--port", String(port), "--workers", "1"],
                                        environment: ["MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"],
                                        logPath: folder + "/server.log")
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if (try? python("import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + '/health', timeout=2)", uri).status) == 0 {
                return
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        throw TmuxSession.Failure(message: "mlflow server did not start in 2 minutes:\n\(process?.log.suffix(2000) ?? "")")
    }

    /// Stop it at once, as a crash would (SIGKILL to every process of the server).
    public func kill() {
        process?.stop(signal: SIGKILL)
        process = nil
    }

    /// Run a Python script with MLFLOW_TRACKING_URI set to this server; `arguments` follow it.
    @discardableResult
    public func python(_ script: String, _ arguments: String...) throws -> (status: Int32, output: String) {
        try python(script, arguments: arguments)
    }

    /// Like `python`, throwing with the output when the script fails; returns its output.
    @discardableResult
    public func run(_ script: String, _ arguments: String...) throws -> String {
        let result = try python(script, arguments: arguments)
        guard result.status == 0 else { throw TmuxSession.Failure(message: "python failed (\(result.status)):\n\(result.output)") }
        return result.output
    }

    func python(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let path = folder + "/script-\(UUID().uuidString.prefix(8)).py"
        try ("import os\nos.environ['MLFLOW_TRACKING_URI'] = '\(uri)'\n" + script).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ProcessRunner.run([TestPython.command, path] + arguments)
    }
}
