import Foundation

/// A study folder of a test's own, under the temporary folder, that the test writes logs into.
struct ScratchStudy {
    let root = NSTemporaryDirectory() + "scaletop-study-\(UUID().uuidString.prefix(8))"

    /// Write `text` to `path` under the root, making its folders.
    func write(_ text: String, to path: String) throws {
        let file = root + "/" + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
    }
}
