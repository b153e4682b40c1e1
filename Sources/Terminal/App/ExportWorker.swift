import Charts

/// Renders and writes exports off the UI thread: `S` on the 25-run OLMo ladder (four panels
/// in six formats, PDF and 1008×720 PNG through cairo) took about 0.3 s in a debug build,
/// long enough to stall keys. One export at a time; a byte on `wakeDescriptor` wakes the
/// event loop when it is done.
final class ExportWorker: Sendable {
    struct Outcome: Sendable {
        var job: PanelExportJob
        var result: Result<[String], any Error>
    }

    private let worker = BackgroundWorker<PanelExportJob, Outcome>(name: "scaletop-export") { job in
        Outcome(job: job, result: Result { try job.write() })
    }

    /// Readable when an export has finished.
    var wakeDescriptor: Int32 { worker.wakeDescriptor }
    /// True from `start` until its outcome is taken.
    var busy: Bool { worker.isOccupied }
    func start(_ job: PanelExportJob) { worker.submit(job) }
    func takeOutcome() -> Outcome? { worker.take() }
    func stop() { worker.stop() }
}
