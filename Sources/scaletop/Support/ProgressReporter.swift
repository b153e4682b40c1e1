import Foundation
import ScalingLaws
import Synchronization

/// Shows a `ProgressCounter` on stderr while a command works, so no command runs silently
/// for more than a second or two: nothing for the first second (quick commands stay quiet),
/// then "scaletop fit: bootstrap 120/1000 (4 s)" redrawn in place on a terminal, or a line
/// every 5 s when stderr is a file or a pipe. The line is cleared when the work ends;
/// stdout (the report) is never touched.
final class ProgressReporter: Sendable {
    let counter = ProgressCounter()
    private let command: String
    private let running = Mutex(true)
    private let done = DispatchSemaphore(value: 0)
    private let interactive = isatty(2) != 0

    static let quietSeconds = 1.0

    init(command: String) {
        self.command = command
        let thread = Thread { [self] in loop() }
        thread.name = "scaletop-progress"
        thread.start()
    }

    /// `body` with a counter that is shown while it runs.
    static func run<T>(_ command: String, _ body: (ProgressCounter) throws -> T) rethrows -> T {
        let reporter = ProgressReporter(command: command)
        defer { reporter.stop() }
        return try body(reporter.counter)
    }

    func stop() {
        running.withLock { $0 = false }
        done.wait()
    }

    private var isRunning: Bool {
        running.withLock { $0 }
    }

    private func loop() {
        let started = Date()
        var shown = false, lastLine = -Double.infinity
        while isRunning {
            Thread.sleep(forTimeInterval: 0.2)
            let elapsed = Date().timeIntervalSince(started)
            guard elapsed >= Self.quietSeconds, isRunning else { continue }
            let s = counter.snapshot
            var text = "scaletop \(command): "
            text += s.total > 0 ? "\(s.stage) \(min(s.done, s.total))/\(s.total)" : (s.stage.isEmpty ? "working" : s.stage)
            text += " (\(Int(elapsed)) s)"
            if interactive {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
                shown = true
            } else if elapsed - lastLine >= 5 {
                FileHandle.standardError.write(Data((text + "\n").utf8))
                lastLine = elapsed
            }
        }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        done.signal()
    }
}
