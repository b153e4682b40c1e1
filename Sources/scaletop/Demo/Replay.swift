import BundledFiles
import Foundation
import Glibc
import Synchronization

/// Plays recorded runs back as if they were training now: a copy of the sample folder with
/// every metrics file emptied, then a writer thread that appends the original lines on a
/// schedule. Each run reaches its end at the same moment, `duration` seconds in.
final class Replay: Sendable {
    let folder: String
    private let schedule: [(time: Double, file: String, line: Data)]
    private let duration: Double
    private let stopped = Mutex(false)

    private init(folder: String, schedule: [(time: Double, file: String, line: Data)], duration: Double) {
        self.folder = folder
        self.schedule = schedule
        self.duration = duration
    }

    /// A replay of the folder `source` (`scaletop demo --samples DIR`).
    static func prepare(from source: String, duration: Double) throws -> Replay {
        let folder = newFolder()
        try FileManager.default.copyItem(atPath: source, toPath: folder)
        return try prepare(folder: folder, duration: duration)
    }

    /// A replay of the sample runs built into the binary, under `folder` in it
    /// (`sample-runs`), so the demo works from any folder.
    static func prepare(bundled files: [BundledFiles.File], under prefix: String, duration: Double) throws -> Replay {
        let folder = newFolder()
        for file in files {
            let path = folder + "/" + file.path.dropFirst(prefix.count + 1)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try file.contents.write(to: URL(fileURLWithPath: path))
        }
        return try prepare(folder: folder, duration: duration)
    }

    private static func newFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-demo-\(getpid())-\(UUID().uuidString.prefix(8))").path
    }

    /// Empty every JSONL log under `folder` and plan its lines' return.
    private static func prepare(folder: String, duration: Double) throws -> Replay {
        let manager = FileManager.default
        var schedule: [(time: Double, file: String, line: Data)] = []
        let files = (manager.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        for relative in files {
            let path = folder + "/" + relative
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            try Data().write(to: URL(fileURLWithPath: path))
            for (i, line) in lines.enumerated() {
                // The first checkpoint of every run appears at once; the rest spread evenly.
                let time = lines.count > 1 ? duration * Double(i) / Double(lines.count - 1) : 0
                schedule.append((time, path, Data(line) + Data([UInt8(ascii: "\n")])))
            }
        }
        schedule.sort { $0.time < $1.time }
        return Replay(folder: folder, schedule: schedule, duration: duration)
    }

    func start() {
        let thread = Thread { [self] in self.play() }
        thread.name = "scaletop demo replay"
        thread.start()
    }

    private func play() {
        let start = Date()
        for entry in schedule {
            let wait = entry.time - Date().timeIntervalSince(start)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            if isStopped { return }
            let fd = open(entry.file, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { continue }
            _ = entry.line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
    }

    private var isStopped: Bool {
        stopped.withLock { $0 }
    }

    /// Stop writing and remove the temporary folder.
    func finish() {
        stopped.withLock { $0 = true }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
