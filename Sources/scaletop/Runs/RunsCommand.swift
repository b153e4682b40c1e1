import ArgumentParser
import Charts
import Foundation
import RunIngest
import ScalingLaws
import TrackingServer
#if canImport(Glibc)
import Glibc
#endif

/// `scaletop runs PATH`: what scaletop understood of a folder, without a terminal UI.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs found under a folder or on an MLflow tracking server: format, metadata and where it came from, points, last loss, errors."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The folder to look in, or an MLflow tracking server (http://host:port).")
    var directory: String

    @Option(help: "table (for people) or json (for scripts).")
    var format: OutputFormat = .table

    @OptionGroup var server: ServerOptions

    func run() throws {
        if case .server(let source) = try StudySource.parse(directory, experiments: server.experiments, where: server.terms) {
            let store = try StudySource.server(source).loadStore()
            try show(RunsReport(follower: LoadedRuns(store: store, formatName: "MLflow (server)", description: source.displayName)))
            return
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("\(root): no such folder")
        }
        OpenBLASIdleThreads.stop()
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 0))
        try show(RunsReport(follower: follower))
    }

    func show(_ report: RunsReport) throws {
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try report.json())
        }
    }
}

/// The rows of `scaletop runs`.
struct RunsReport {
    struct Row {
        var run: Run
        var format: String
    }

    let rows: [Row]
    let issues: [FileIssues]

    init(follower: RunFeed) {
        rows = follower.store.runs.map { Row(run: $0, format: follower.format(ofRun: $0.id) ?? "?") }
        issues = follower.store.issues
    }

    func table() -> String {
        var lines: [[String]] = [["run", "format", "N", "tokens/step", "planned", "points", "last step", "last loss", "metadata from"]]
        for row in rows {
            let m = row.run.metadata
            let last = row.run.points.last
            lines.append([
                SafeText.sanitize(row.run.name), row.format,
                m.parameters.map { NumberFormat.short($0) } ?? "—",
                m.tokensPerStep.map { NumberFormat.short($0) } ?? "—",
                m.plannedTokens.map { NumberFormat.short($0) } ?? "—",
                NumberFormat.grouped(row.run.points.count),
                last.map { String($0.step) } ?? "—",
                last.map { NumberFormat.significant($0.loss, digits: 4) } ?? "—",
                m.source.map(SafeText.sanitize) ?? "missing: " + m.missingFields.joined(separator: ", "),
            ])
        }
        let widths = lines[0].indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for (i, line) in lines.enumerated() {
            out += line.enumerated().map { c, cell in
                c == line.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
            if i == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        out += "\n\(rows.count) runs, \(NumberFormat.grouped(rows.reduce(0) { $0 + $1.run.points.count })) points, "
        let errorCount = issues.reduce(0) { $0 + $1.count }
        out += "\(errorCount) problem\(errorCount == 1 ? "" : "s")\n"
        for issue in issues {
            out += "  \(SafeText.sanitize(issue.first.description))"
            out += issue.count > 1 ? "  (+\(issue.count - 1) more in this file)\n" : "\n"
        }
        return out
    }

    func json() throws -> String {
        let runs: [[String: Any]] = rows.map { row in
            let m = row.run.metadata
            var metadata: [String: Any] = ["hyperparameters": m.hyperparameters, "missing": m.missingFields]
            metadata["parameters"] = m.parameters
            metadata["tokens_per_step"] = m.tokensPerStep
            metadata["planned_tokens"] = m.plannedTokens
            metadata["flops_per_token"] = m.flopsPerToken
            metadata["source"] = m.source
            var entry: [String: Any] = ["id": row.run.id, "name": row.run.name, "format": row.format,
                                        "points": row.run.points.count, "metadata": metadata]
            if let last = row.run.points.last {
                entry["last_step"] = last.step
                entry["last_loss"] = last.loss
            }
            return entry
        }
        let problems: [[String: Any]] = issues.map {
            ["file": $0.first.file, "count": $0.count, "first_line": $0.first.line, "first_message": $0.first.message]
        }
        let data = try JSONSerialization.data(withJSONObject: ["runs": runs, "problems": problems],
                                              options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// OpenBLAS starts its worker threads when the library loads, before `main`, and each spins
/// (sched_yield in a loop) for about 0.1 s waiting for work. `scaletop runs` does no linear
/// algebra, and on a two-core machine that spinning thread takes a core from the log
/// ingest (about 0.05 s of CPU on the 1 M-line JSONL benchmark). So the command stops them
/// at once; a later BLAS call would start them again. Looked up by name, since it is not in
/// OpenBLAS's public header: with another BLAS (or OpenBLAS built for OpenMP) it is absent
/// and nothing happens.
enum OpenBLASIdleThreads {
    static func stop() {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }
}
