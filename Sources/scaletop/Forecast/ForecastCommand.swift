import ArgumentParser
import Foundation
import RunIngest
import StudyAnalysis
import ScalingLaws

/// `scaletop forecast`: where each run in a folder will land, from its curve so far
/// (methods.md §5). With --truncate F every run is cut to the first F of its length and
/// forecast to its real end, next to the loss it really reached: the evaluation the
/// benchmark runs.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast each run's final loss, with a prediction interval, from its curve so far.",
        discussion: """
        A run needs a planned end in its metadata (planned_tokens or planned_steps) unless
        --truncate is given. The schedule after the last point is the one the run's
        configuration plans (HF lr_scheduler_type, Megatron lr_decay_style, torchtitan
        lr_scheduler.*, nanoGPT, litgpt, or the sidecar's lr_schedule and cooldown_start);
        else the decay the logged learning rates follow; else unknown, and the interval is
        widened to cover a cooldown. Forecasts never go below the study's irreducible loss
        (Approach 3's E on its finished runs; --floor) or 0, and never rise while the
        planned rate does not. --calibrate further widens (or narrows) each interval by a
        split-conformal factor measured on the finished runs of other model sizes.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "A folder of runs, or an MLflow tracking server (http://host:port).")
    var path: String

    @OptionGroup var server: ServerOptions

    @Option(parsing: .unconditional, help: "Cut every run to this fraction of its length and forecast its real end (evaluation).")
    var truncate: Double?

    @Option(parsing: .unconditional, help: "Central probability of the prediction interval.")
    var level: Double = 0.8

    @Flag(help: "Rescale intervals by a conformal factor from finished runs of other sizes.")
    var calibrate = false

    @Option(help: "Lower bound of every forecast: auto (the study's fitted irreducible loss E, else 0), none (0), or a loss.")
    var floor: String = "auto"

    @Option(parsing: .unconditional, help: "Points of each sampled forecast curve (JSON).")
    var curvePoints: Int = 40

    @Option(help: "table | json")
    var format: Format = .table

    /// For tuning only (bench/forecast/tune.py): override one of `ForecastPrior`'s scalar
    /// constants for this run, e.g. powerLawDiscrepancy=0.05. Hidden from --help.
    @Option(name: .customLong("prior-constant"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a forecaster constant for this run (name=value; tuning only).", visibility: .private))
    var priorConstants: [String] = []

    func run() throws {
        if let t = truncate, !(t > 0 && t < 1) { throw CommandFailure("--truncate \(t): a fraction of the run in (0, 1), e.g. 0.5") }
        guard level > 0, level < 1 else { throw CommandFailure("--level \(level): a probability in (0, 1), e.g. 0.8") }
        guard let floorMode = ForecastFloors.Mode(floor) else { throw CommandFailure("--floor \(floor): auto, none, or a loss ≥ 0") }
        guard curvePoints >= 2 else { throw CommandFailure("--curve-points must be 2 or more") }
        let prior = try PriorConstantOverrides.apply(priorConstants)
        if calibrate && !priorConstants.isEmpty {
            // The calibration scores are forecasts with the standard constants.
            throw CommandFailure("--prior-constant cannot be combined with --calibrate")
        }
        let source = try StudySource.parse(path, experiments: server.experiments, where: server.terms)
        let store = try source.loadStore()
        let curves = store.runs.map(RunCurve.init).filter { !$0.x.isEmpty }
        guard !curves.isEmpty else { throw CommandFailure("\(source.displayName): no runs with a loss curve") }

        let rows = ProgressReporter.run("forecast") { progress in
            var floors = ForecastFloors(mode: floorMode, curves: curves, leaveSizeOut: truncate != nil)
            let scores = calibrate ? calibrationScores(curves, floors: &floors, progress: progress) : []
            progress.begin("forecasts", total: curves.count)
            return curves.map { curve in
                defer { progress.advance() }
                return forecast(curve, floors: &floors, scores: scores, prior: prior)
            }
        }
        let report = ForecastReport(rows: rows, level: level, truncate: truncate, source: source.displayName,
                                    assumedCooldownFraction: prior.assumedCooldownFraction)
        print(format == .json ? report.json() : report.table(), terminator: "")
    }

    func forecast(_ curve: RunCurve, floors: inout ForecastFloors, scores: [StudyCalibration.Score],
                  prior: ForecastPrior = .standard) -> ForecastRow {
        var row = ForecastRow(curve: curve)
        var subject = curve
        if let t = truncate {
            guard let cut = curve.truncated(at: t) else { return row }
            subject = cut.curve
            row.actualFinalLoss = cut.actual
        } else if curve.plannedEnd == nil {
            row.status = "no planned end (add planned_tokens or planned_steps to scaletop.json)"
            return row
        } else if curve.isFinished {
            row.status = "finished"
            row.actualFinalLoss = curve.loss.last
            return row
        }
        row.madeAtStep = subject.steps.last
        guard var input = subject.forecastInput(level: level, floor: floors.floor(for: curve.parameters), curvePoints: curvePoints) else {
            row.status = "no planned end"
            return row
        }
        input.prior = prior
        if calibrate {
            let seen = (input.x.last ?? 0) / input.plannedEnd
            let (factor, count) = StudyCalibration.factor(scores, parameters: curve.parameters, seenFraction: seen, level: level)
            if let factor { input.calibrationFactor = factor; row.calibrationFactor = factor }
            else { row.notes.append("too few finished runs of other sizes to calibrate (\(count) scores)") }
        }
        switch LearningCurveForecaster.forecast(input) {
        case let .forecast(f): row.forecast = f; row.status = "forecast"
        case let .tooLittleOfTheCurve(why): row.status = "too little of the curve: " + why
        case let .invalidInput(why): row.status = "cannot forecast: " + why
        }
        return row
    }

    /// Conformal scores of every finished run (of every run with --truncate) at 25, 50 and
    /// 75%; a forecast then uses the scores of the other sizes at its nearest fraction.
    func calibrationScores(_ curves: [RunCurve], floors: inout ForecastFloors, progress: ProgressCounter) -> [StudyCalibration.Score] {
        let finished = curves.filter { $0.isFinished || truncate != nil }
        progress.begin("calibration runs", total: finished.count)
        return finished.flatMap { curve -> [StudyCalibration.Score] in
            defer { progress.advance() }
            return StudyCalibration.scores(of: curve, level: level, floor: floors.floor(for: curve.parameters))
        }
    }
}
