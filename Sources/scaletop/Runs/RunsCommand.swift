import ArgumentParser
import Charts
import Export
import Foundation
import RunIngest
import ScalingLaws
import StudyAnalysis
import TrackingServer
#if canImport(Glibc)
import Glibc
#endif

/// `scaletop runs PATH`: what scaletop understood of a folder, without a terminal UI.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs found under a folder or on an MLflow tracking server: format, metadata and where it came from, points, last loss, status, errors.",
        discussion: """
            Names are what the writer called the run (wandb.init(name=…), MLflow's run name), else its path relative \
            to the folder given. Status is the dashboard's word: live (written to recently), done (reached its \
            planned tokens or steps, or its writer recorded a normal end), stale (not written to for 10 minutes \
            before its end, or its writer recorded a failure), waiting (no point yet).

            Given a log file instead of a folder, lists the run that reads it (found from the file's folder).
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The folder to look in, one log file, or an MLflow tracking server (http://host:port).")
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
        let path = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(path): no such file or folder")
        }
        // A file: the run that reads it, found from its folder.
        let root = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 0))
        var report = RunsReport(follower: follower)
        if !isDirectory.boolValue {
            report.keep { follower.files(ofRun: $0.id).contains(path) }
            guard !report.rows.isEmpty else {
                throw CommandFailure("\(path): no run reads this file (scaletop reads the formats listed in its README; "
                                     + "give the folder that holds the run to see everything found there)")
            }
        }
        try show(report)
    }

    func show(_ report: RunsReport) throws {
        switch format {
        case .table: print(report.table(width: TerminalWidth.ofStandardOutput()), terminator: "")
        case .json: print(try report.json())
        }
    }
}

/// The rows of `scaletop runs`.
struct RunsReport {
    struct Row {
        var run: Run
        var format: String
        var status: RunStatus
    }

    private(set) var rows: [Row]
    private(set) var issues: [FileIssues]

    init(follower: RunFeed, now: Double = Date().timeIntervalSince1970) {
        rows = follower.store.runs.map {
            Row(run: $0, format: follower.format(ofRun: $0.id) ?? "?",
                status: RunSummary(run: $0, now: now, includeCurve: false).status)
        }
        issues = follower.store.issues
    }

    /// Only the runs `predicate` accepts, and the problems of their files.
    mutating func keep(_ predicate: (Run) -> Bool) {
        rows = rows.filter { predicate($0.run) }
        let ids = rows.map(\.run.id)
        issues = issues.filter { issue in ids.contains { issue.first.file == $0 || issue.first.file.hasPrefix($0 + "/") } }
    }

    /// The table; names shortened in the middle when the lines would be wider than `width`.
    func table(width: Int? = nil) -> String {
        var lines: [[String]] = [["run", "format", "N", "tokens/step", "planned", "points", "last step", "last loss", "status",
                                  "metadata from"]]
        for row in rows {
            let m = row.run.metadata
            let last = row.run.points.last
            lines.append([
                SafeText.sanitize(row.run.name), row.format,
                m.parameters.map { NumberFormat.short($0) } ?? "—",
                m.tokensPerStep.map { NumberFormat.short($0) } ?? "—",
                m.plannedTokensOrProduct.map { NumberFormat.short($0) } ?? "—",
                NumberFormat.grouped(row.run.points.count),
                last.map { String($0.step) } ?? "—",
                last.map { NumberFormat.significant($0.loss, digits: 4) } ?? "—",
                row.status.word,
                m.source.map(SafeText.sanitize) ?? "missing: " + m.missingFields.joined(separator: ", "),
            ])
        }
        var widths = lines[0].indices.map { c in lines.map { SafeText.width($0[c]) }.max() ?? 0 }
        if let width {
            // The run column gives way first (down to 16 cells), then the sources column;
            // both are shortened in the middle, where paths repeat.
            let last = widths.count - 1
            let middle = widths.dropFirst().dropLast().reduce(0) { $0 + $1 + 2 } + 2
            let room = width - middle - min(widths[last], 24)
            if room < widths[0] {
                widths[0] = max(16, room)
                for i in lines.indices.dropFirst() { lines[i][0] = SafeText.shortened(lines[i][0], toWidth: widths[0]) }
            }
            let sourceRoom = max(24, width - middle - widths[0])
            widths[last] = min(widths[last], sourceRoom)
            for i in lines.indices.dropFirst() where SafeText.width(lines[i][last]) > sourceRoom {
                lines[i][last] = SafeText.shortened(lines[i][last], toWidth: sourceRoom)
            }
        }
        var out = ""
        for (i, line) in lines.enumerated() {
            out += line.enumerated().map { c, cell in
                c == line.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[c] - SafeText.width(cell)))
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
        let runs: [ReportValue] = rows.map { row in
            let m = row.run.metadata
            var metadata: [String: ReportValue] = ["hyperparameters": .object(m.hyperparameters.mapValues(ReportValue.string)),
                                                   "missing": .array(m.missingFields.map(ReportValue.string))]
            metadata["parameters"] = m.parameters.map(ReportValue.number)
            metadata["tokens_per_step"] = m.tokensPerStep.map(ReportValue.number)
            metadata["planned_tokens"] = m.plannedTokens.map(ReportValue.number)
            metadata["flops_per_token"] = m.flopsPerToken.map(ReportValue.number)
            metadata["source"] = m.source.map { .string(RawFileName.display($0)) }
            metadata["planned_steps"] = m.plannedSteps.map(ReportValue.number)
            // File names' bytes that are not UTF-8 read \xNN (see RawFileName).
            var entry: [String: ReportValue] = [
                "id": .string(RawFileName.display(row.run.id)), "name": .string(RawFileName.display(row.run.name)),
                "format": .string(row.format), "status": .string(row.status.word),
                "points": .int(row.run.points.count), "metadata": .object(metadata),
            ]
            if let failure = row.run.failure { entry["failure"] = .string(failure) }
            if let last = row.run.points.last {
                entry["last_step"] = .int(last.step)
                entry["last_loss"] = .number(last.loss)
            }
            return .object(entry)
        }
        let problems: [ReportValue] = issues.map {
            ["file": .string(RawFileName.display($0.first.file)), "count": .int($0.count), "first_line": .int($0.first.line),
             "first_message": .string(RawFileName.display($0.first.message))]
        }
        return try ReportJSON.text(["runs": .array(runs), "problems": .array(problems)])
    }
}

/// How wide the terminal standard output goes to is: `COLUMNS` when set, else the tty's
/// size; nil when it is no terminal (a pipe or a file gets every name whole).
enum TerminalWidth {
    static func ofStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        #if canImport(Glibc)
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
        #else
        return nil
        #endif
    }
}
