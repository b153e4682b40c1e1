import Foundation

/// A small study written by the real tensorboardX, wandb (offline) and MLflow (file store
/// and SQLite) into a temporary folder, as a new user's training scripts would write it
/// (`Tests/RunIngestTests/Fixtures/writers/write_study.py`), with what each run should
/// read as. Written once per test process; tests only read it.
public enum RealWriterStudy {
    public struct ExpectedRun: Sendable {
        public var writer: String
        public var name: String
        public var parameters: Double
        public var points: Int
        /// The dashboard's word: done, stale or live.
        public var status: String
    }

    /// Whether the writers can run: the venv `make test` installs has them.
    public static let isAvailable = TestPython.canImport("tensorboardX", "wandb", "mlflow")

    public static let written: Result<(root: String, runs: [ExpectedRun]), Error> = Result { try write() }

    static func write() throws -> (root: String, runs: [ExpectedRun]) {
        let base = NSTemporaryDirectory() + "scaletop-real-writers-\(UUID().uuidString.prefix(8))"
        let root = base + "/study"
        let expectations = base + "/expected.json"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let script = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/writers/write_study.py").path
        let result = try ProcessRunner.run([TestPython.command, script, root, expectations])
        guard result.status == 0, let data = FileManager.default.contents(atPath: expectations),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let runs = object["runs"] as? [[String: Any]] else {
            throw TmuxSession.Failure(message: "write_study.py failed (\(result.status)): \(result.output.suffix(2000))")
        }
        return (root, runs.map {
            ExpectedRun(writer: $0["writer"] as? String ?? "", name: $0["name"] as? String ?? "",
                        parameters: ($0["parameters"] as? NSNumber)?.doubleValue ?? 0, points: $0["points"] as? Int ?? 0,
                        status: $0["status"] as? String ?? "")
        })
    }
}
