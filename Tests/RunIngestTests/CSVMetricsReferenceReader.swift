import Foundation
import TestSupport

/// Runs `Fixtures/csv/reference_reader.py` (Python's json/csv/yaml) on a real log and decodes
/// what it prints, for the format tests to compare with the Swift parsers.
enum ReferenceReader {
    static let script = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/csv/reference_reader.py")

    static let python: String? = TestPython.path

    static var isAvailable: Bool { SharedData.isAvailable && python != nil }

    static func read(_ kind: String, _ file: URL) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        process.arguments = [script.path, kind, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ReferenceFailure(kind: kind, status: process.terminationStatus) }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// `[[step, "loss"], …]` as pairs (losses as Python's repr text, read exactly).
    static func points(_ kind: String, _ file: URL) throws -> [(step: Int, loss: Double)] {
        let rows = try read(kind, file) as? [[Any]] ?? []
        return rows.map { (($0[0] as? NSNumber)?.intValue ?? -1, ($0[1] as? String).flatMap { Double($0) } ?? .nan) }
    }

    struct ReferenceFailure: Error { let kind: String; let status: Int32 }
}

func fileBytes(_ url: URL) throws -> [UInt8] {
    Array(try Data(contentsOf: url))
}
