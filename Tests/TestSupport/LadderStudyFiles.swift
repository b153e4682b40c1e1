import Foundation

/// A small ladder study written as files: four sizes × three lengths (10, 20, 40 tokens per
/// parameter), 100 steps planned each, with a scaletop.json each; loss from a
/// Chinchilla-like law, L = 1.8 + 400/N^0.34 + 2000/D^0.37. The dashboard's tests (in
/// memory and in tmux) watch it; `lastStep` says how far each run ("800M-40tpp") has got.
public enum LadderStudyFiles {
    public static let sizes: [(name: String, parameters: Double)] = [("100M", 1e8), ("200M", 2e8), ("400M", 4e8), ("800M", 8e8)]

    public static func write(at root: String, lastStep: (String) -> Int) throws {
        for size in sizes {
            for tpp in [10, 20, 40] {
                let name = "\(size.name)-\(tpp)tpp"
                let folder = "\(root)/\(name)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let planned = Double(tpp) * size.parameters
                try "{\"parameters\": \(size.parameters), \"tokens_per_step\": \(planned / 100), \"planned_tokens\": \(planned)}"
                    .write(toFile: folder + "/scaletop.json", atomically: true, encoding: .utf8)
                try lines(parameters: size.parameters, tokensPerStep: planned / 100, steps: 1...lastStep(name))
                    .write(toFile: folder + "/metrics.jsonl", atomically: true, encoding: .utf8)
            }
        }
    }

    /// A new temporary folder holding the ladder.
    public static func temporary(lastStep: (String) -> Int) throws -> String {
        let root = NSTemporaryDirectory() + "scaletop-ladder-\(UUID().uuidString.prefix(8))"
        try write(at: root, lastStep: lastStep)
        return root
    }

    /// The JSONL lines of one run's steps.
    public static func lines(parameters: Double, tokensPerStep: Double, steps: ClosedRange<Int>) -> String {
        steps.map { step in
            let d = Double(step) * tokensPerStep
            return "{\"step\": \(step), \"loss\": \(1.8 + 400 / pow(parameters, 0.34) + 2000 / pow(d, 0.37))}\n"
        }.joined()
    }

    /// Append `text` to the file at `path`, creating it if needed.
    public static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }
}
