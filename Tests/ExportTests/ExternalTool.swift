import Foundation
import TestSupport

/// Files for the export tests to hand to the external checkers (see TestSupport's `ExternalTool`).
extension ExternalTool {
    /// A fresh temporary folder for one test's files.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "scaletop-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
