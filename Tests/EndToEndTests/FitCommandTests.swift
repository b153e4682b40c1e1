import Foundation
import Testing
import TestSupport

/// `scaletop fit` on degenerate tables: a clear message on stderr, a non-zero exit, no crash.
@Suite struct FitCommandTests {
    static let binary = SharedData.packageRoot.appendingPathComponent(".build/debug/scaletop")
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    func run(_ csv: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("runs.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["fit", file.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static let columns = ["--params-column", "n", "--tokens-column", "d"]

    @Test(.enabled(if: binaryExists, "needs .build/debug/scaletop (swift build)"),
          arguments: [
            ("n,d,loss\n1e8,1e9,3.0\n2e8,2e9,2.9\nnan,3e9,2.8\n4e8,4e9,2.7\n5e8,5e9,2.6\n6e8,6e9,2.5\n", "approach3", "runs.csv:4"),
            ("n,d,loss\n1e8,1e9,3.0\n2e8,2e9,2.9\n3e8,3e9,2.8\n", "approach3", "only 3 points"),
            ("n,d,loss\n1e8,1e9,3.0\n1e8,2e9,2.9\n1e8,3e9,2.8\n1e8,4e9,2.7\n1e8,5e9,2.6\n1e8,6e9,2.5\n", "approach3", "same model size"),
            ("n,d,loss\n1e8,1e9,3.0\n2e8,5e8,2.9\n1e8,1e10,2.8\n2e8,5e9,2.7\n4e8,2.5e9,2.6\n8e8,1.25e9,2.65\n", "approach2", "distinct model size"),
            ("n,d,loss\n1e8,1e9,3.0\n2e8,inf,2.9\n", "kaplan", "NaN or infinite"),
          ])
    func degenerateInputIsAClearError(csv: String, method: String, message: String) throws {
        let result = try run(csv, Self.columns + ["--method", method])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(!result.stdout.lowercased().contains("nan"))
    }

    @Test(.enabled(if: binaryExists, "needs .build/debug/scaletop (swift build)"))
    func unknownColumnNamesTheHeader() throws {
        let result = try run("n,d,loss\n1e8,1e9,3\n", ["--params-column", "N", "--tokens-column", "d"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no column \"N\""))
    }
}
