import Foundation
import TestSupport

/// The command-line consumers the export tests check files with (xmllint, pdfinfo,
/// pdftoppm). A test whose tool is missing is skipped with a message naming the package.
enum ExternalTool {
    static func isAvailable(_ name: String) -> Bool {
        (try? ProcessRunner.run(["sh", "-c", "command -v \(name)"]).status) == 0
    }

    static let packages = ["xmllint": "libxml2-utils", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils", "pdftotext": "poppler-utils", "rsvg-convert": "librsvg2-bin"]

    static func skipMessage(_ name: String) -> String {
        "\(name) is not installed (apt-get install \(packages[name] ?? name), or run scripts/install-deps.sh)"
    }

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
