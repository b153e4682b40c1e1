import ArgumentParser
import Foundation
import RunIngest
import ScalingLaws

/// `scaletop fit`: the scaling-law fits of ScalingLaws on a folder of runs or a CSV table
/// of final points.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scaling law: Chinchilla's approaches 1–3, Kaplan's L(N, D), or the loss–compute frontier.",
        discussion: """
        PATH is a folder of runs (read as `scaletop watch` reads it), an MLflow tracking server
        (http://host:port, with --experiment and --where choosing runs), or a CSV table with one
        row per run. For a CSV, name the columns: --params-column, --tokens-column or
        --flops-column (D = C/(6N) when only FLOPs are given), --loss-column, and filter rows
        with --where COLUMN=VALUE (repeatable).

        Examples:
          scaletop fit ../shared/data/chinchilla/svg_extracted_data.csv --method approach3 \\
            --params-column "Model Size" --flops-column "Training FLOP" --drop-highest-losses 5
          scaletop fit porian_isoflop_runs.csv --method approach2 --params-column params \\
            --flops-column flops --where dataset=rw --where hparams=tuned --bootstrap 1000
        """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case approach1, approach2, approach3, kaplan, frontier
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    enum StartGrid: String, ExpressibleByArgument, CaseIterable {
        /// Hoffmann et al.'s 4500 starts.
        case hoffmann
        /// A fixed 32-start subset of it.
        case subset
    }

    @Argument(help: "A folder of runs, or a CSV file of final points.")
    var path: String

    @Option(help: "approach1 | approach2 | approach3 | kaplan | frontier")
    var method: Method = .approach3

    @Option(help: "Bootstrap replicates (resampling whole runs); 0 for none.")
    var bootstrap: Int = 0

    @Option(help: "Seed of the bootstrap's generator (results reproduce exactly).")
    var seed: UInt64 = 0

    @Option(help: "table | json | csv")
    var format: Format = .table

    @Option(name: .customLong("params-column"), help: "CSV column of model parameters N.")
    var paramsColumn: String?

    @Option(name: .customLong("tokens-column"), help: "CSV column of training tokens D.")
    var tokensColumn: String?

    @Option(name: .customLong("flops-column"), help: "CSV column of training FLOPs C.")
    var flopsColumn: String?

    @Option(name: .customLong("loss-column"), help: "CSV column of the final loss (nats/token).")
    var lossColumn: String = "loss"

    @Option(name: .customLong("run-column"), help: "CSV column naming the run of each row (rows of one run are resampled together; approach1 draws one curve per run).")
    var runColumn: String?

    @Option(name: .customLong("where"), help: "Keep only rows with COLUMN=VALUE (repeatable); with a tracking server, runs whose param or tag KEY is VALUE (KEY!=VALUE, params.KEY, tags.KEY too).")
    var filters: [String] = []

    @Option(name: .customLong("experiment"), help: "With a tracking server: an experiment's name or id (repeatable; default: every active experiment).")
    var experiments: [String] = []

    @Option(name: .customLong("drop-highest-losses"), help: "Drop the K highest losses first (Epoch drops 5 of Chinchilla's 245 points).")
    var dropHighestLosses: Int = 0

    @Option(help: "approach3 start grid: hoffmann (4500 starts) | subset (32).")
    var grid: StartGrid = .hoffmann

    @Option(help: "approach2: fit each parabola to this many sizes nearest the budget's lowest loss (default \(IsoFLOPAnalysis.defaultWindow); 0 for all sizes).")
    var window: Int?

    /// The sizes per budget Approach 2 fits (nil: all).
    var approach2Window: Int? { window == 0 ? nil : (window ?? IsoFLOPAnalysis.defaultWindow) }

    @Flag(name: .customLong("convex-hull"), help: "frontier: keep only the lower convex hull in (log C, L) (Henighan).")
    var convexHull = false

    @Flag(help: "approach3: report the seconds spent in the fit and in the bootstrap (stderr, and \"timing\" in JSON); excludes start-up and reading the input.")
    var timing = false

    func validate() throws {
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
        guard dropHighestLosses >= 0 else { throw ValidationError("--drop-highest-losses must be 0 or more") }
        if let window, window != 0, window < 3 { throw ValidationError("--window must be at least 3 (a parabola has three coefficients), or 0 for all sizes") }
        for f in filters where RowFilter(f) == nil {
            throw ValidationError("--where \(f): expected COLUMN=VALUE")
        }
    }

    /// PATH as a study: a folder or CSV table, or a tracking server (`--where` then chooses
    /// runs by param or tag).
    func studySource() throws -> StudySource {
        do {
            return try StudySource.parse(path, experiments: experiments, where: filters, allowTermsWithPath: true)
        } catch let failure as CommandFailure {
            throw FitCommandError(failure.description)
        }
    }

    func run() throws {
        let data = try FitInput.load(self)
        for warning in data.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let report = try ProgressReporter.run("fit") { progress in
            var runner = FitRunner(command: self, data: data)
            runner.progress = progress
            return try runner.run()
        }
        print(report.rendered(format), terminator: "")
    }
}

/// A failure of `scaletop fit`, printed to stderr by ArgumentParser with a non-zero exit.
struct FitCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
