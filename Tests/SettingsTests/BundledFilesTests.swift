import BundledFiles
import Foundation
import Testing

@Suite struct BundledFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file of sample-runs/ is in the binary, byte for byte, under the same path.
    @Test func theSampleRunsAreBuiltInByteForByte() throws {
        let folder = Self.root.appendingPathComponent("sample-runs")
        var onDisk: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "__pycache__" { enumerator?.skipDescendants(); continue }
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            onDisk["sample-runs/" + url.path.dropFirst(folder.path.count + 1)] = try Data(contentsOf: url)
        }
        let bundled = BundledFiles.files(under: "sample-runs")
        #expect(onDisk.count > 50)
        #expect(bundled.count == onDisk.count)
        for file in bundled { #expect(file.contents == onDisk[file.path], "\(file.path)") }
        #expect(BundledFiles.files(under: "sample-run").isEmpty, "a folder is matched whole, not by prefix")
    }

    @Test func theVersionIsTheVERSIONFileAndTheCommitIsNamed() throws {
        let version = try String(contentsOf: Self.root.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(BundledFiles.version == version)
        #expect(BundledFiles.versionLine.hasPrefix("scaletop \(version) (commit "))
        #expect(!BundledFiles.commit.isEmpty)
    }
}
