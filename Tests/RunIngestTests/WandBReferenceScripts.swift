import Foundation
import RunIngest
import TestSupport

/// Runs the Python reference readers kept beside the MLflow and W&B fixtures
/// (`Fixtures/wandb/reference_wandb.py`, `Fixtures/mlflow/reference_mlflow.py`) and decodes
/// the JSON they print. A script exits with status 3 when its package (wandb, mlflow) is
/// not installed; `available(_:)` tells a test to skip then.
enum PythonReferenceScript {
    static let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures")
    static let wandb = fixtures.appendingPathComponent("wandb/reference_wandb.py")
    static let mlflow = fixtures.appendingPathComponent("mlflow/reference_mlflow.py")

    static let python: String? = TestPython.path

    /// Whether python3 can import `module` (checked once per module).
    static func available(_ module: String) -> Bool {
        guard let python else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let hasWandB = available("wandb")
    static let hasMLflow = available("mlflow")
    static let hasYAML = available("yaml")

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ script: URL, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        process.arguments = [script.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(script.lastPathComponent) \(arguments) exited with \(process.terminationStatus)")
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "\(script.lastPathComponent) printed no JSON object")
        }
        return object
    }

    /// A JSON number, or the text Python's reference writes for a non-finite one.
    static func double(_ value: Any?) -> Double? {
        switch value {
        case let n as NSNumber: return n.doubleValue
        case let s as String: return Double(s == "Infinity" ? "inf" : s == "-Infinity" ? "-inf" : s)
        default: return nil
        }
    }
}

/// Every file under a folder (recursively), sorted, as URLs.
func filesBelow(_ folder: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    var files: [URL] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        files.append(url)
    }
    return files.sorted { $0.path < $1.path }
}

/// `count` random cut points in `0...length`, sorted, from a seeded generator.
func randomCuts(length: Int, count: Int, seed: UInt64) -> [Int] {
    var state = seed
    func next() -> UInt64 {   // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    return ((0..<count).map { _ in Int(next() % UInt64(length + 1)) } + [length]).sorted()
}

/// Feeds `bytes` to `parser` as a tailer would while the file grows: the writer's bytes
/// arrive in pieces ending at `cuts`, and each call gets everything not yet consumed.
func parseGrowing<P: AppendingLogParser>(_ parser: inout P, _ bytes: [UInt8], cuts: [Int]) -> ParseOutcome {
    var total = ParseOutcome()
    var offset = 0
    var record = 1
    for cut in cuts where cut >= offset {
        let outcome = parser.parse(Array(bytes[offset..<cut]), firstRecord: record)
        total.points += outcome.points
        total.problems += outcome.problems
        if let metadata = outcome.metadata { total.metadata = metadata }
        offset += outcome.consumedBytes
        record += outcome.consumedRecords
    }
    total.consumedBytes = offset
    total.consumedRecords = record - 1
    return total
}
