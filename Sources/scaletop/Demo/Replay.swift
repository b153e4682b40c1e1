import Foundation
import Glibc

/// Plays recorded runs back as if they were training now: a copy of the sample folder with
/// every metrics file emptied, then a writer thread that appends the original lines on a
/// schedule. Each run reaches its end at the same moment, `duration` seconds in.
final class Replay: @unchecked Sendable {
    let folder: String
    private let schedule: [(time: Double, file: String, line: Data)]
    private let duration: Double
    private let stopLock = NSLock()
    private var stopped = false

    private init(folder: String, schedule: [(time: Double, file: String, line: Data)], duration: Double) {
        self.folder = folder
        self.schedule = schedule
        self.duration = duration
    }

    static func prepare(from source: String, duration: Double) throws -> Replay {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("scaletop-demo-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try manager.copyItem(atPath: source, toPath: folder)
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
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopped
    }

    /// Stop writing and remove the temporary folder.
    func finish() {
        stopLock.lock()
        stopped = true
        stopLock.unlock()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
