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
        --truncate is given. With learning rates in the log, the rest of the schedule is
        inferred and the LR-annealing law is fitted; without, a power law in steps or tokens.
        --calibrate widens each interval by a split-conformal factor measured on the finished
        runs of other model sizes in the same folder (truncated at 25, 50 and 75%).
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

    @Option(parsing: .unconditional, help: "Moving-block bootstrap replicates per forecast.")
    var bootstrap: Int = 200

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 0

    @Flag(help: "Widen intervals by a conformal factor from finished runs of other sizes.")
    var calibrate = false

    @Option(parsing: .unconditional, help: "Points of each sampled forecast curve (JSON).")
    var curvePoints: Int = 40

    @Option(help: "table | json")
    var format: Format = .table

    func run() throws {
        if let t = truncate, !(t > 0 && t < 1) { throw CommandFailure("--truncate \(t): a fraction of the run in (0, 1), e.g. 0.5") }
        guard level > 0, level < 1 else { throw CommandFailure("--level \(level): a probability in (0, 1), e.g. 0.8") }
        guard bootstrap >= 0 else { throw CommandFailure("--bootstrap must be 0 or more") }
        let source = try StudySource.parse(path, experiments: server.experiments, where: server.terms)
        let store = try source.loadStore()
        let curves = store.runs.map(RunCurve.init).filter { !$0.x.isEmpty }
        guard !curves.isEmpty else { throw CommandFailure("\(source.displayName): no runs with a loss curve") }

        let scores = calibrate ? calibrationScores(curves) : []
        var rows: [ForecastRow] = []
        for (i, curve) in curves.enumerated() {
            var row = ForecastRow(curve: curve)
            let input: LearningCurveForecastInput
            if let t = truncate {
                guard let cut = curve.truncated(at: t) else { continue }
                row.actualFinalLoss = cut.actual
                input = makeInput(cut.x, cut.loss, cut.learningRate, end: cut.end, seed: UInt64(i))
            } else {
                guard let end = curve.plannedEnd else { row.status = "no planned end (add planned_tokens or planned_steps to scaletop.json)"; rows.append(row); continue }
                if curve.isFinished { row.status = "finished"; row.actualFinalLoss = curve.loss.last; rows.append(row); continue }
                input = makeInput(curve.x, curve.loss, curve.learningRate, end: end, seed: UInt64(i))
            }
            var calibrated = input
            if calibrate {
                let seen = (input.x.last ?? 0) / input.plannedEnd
                let (factor, count) = StudyCalibration.factor(scores, parameters: curve.parameters, seenFraction: seen, level: level)
                if let factor { calibrated.calibrationFactor = factor; row.calibrationFactor = factor }
                else { row.notes.append("too few finished runs of other sizes to calibrate (\(count) scores)") }
            }
            switch LearningCurveForecaster.forecast(calibrated) {
            case let .forecast(f): row.forecast = f; row.status = "forecast"
            case let .tooLittleOfTheCurve(why): row.status = "too little of the curve: " + why
            case let .invalidInput(why): row.status = "cannot forecast: " + why
            }
            rows.append(row)
        }
        let report = ForecastReport(rows: rows, level: level, truncate: truncate, source: source.displayName)
        print(format == .json ? report.json() : report.table(), terminator: "")
    }

    func makeInput(_ x: [Double], _ loss: [Double], _ lr: [Double]?, end: Double, seed: UInt64) -> LearningCurveForecastInput {
        LearningCurveForecastInput(x: x, loss: loss, learningRate: lr, plannedEnd: end, level: level,
                                   bootstrapReplicates: bootstrap, seed: self.seed &+ seed, curvePoints: curvePoints)
    }

    /// Conformal scores of every finished run (of every run with --truncate) at 25, 50 and
    /// 75%; a forecast then uses the scores of the other sizes at its nearest fraction.
    func calibrationScores(_ curves: [RunCurve]) -> [StudyCalibration.Score] {
        curves.enumerated().filter { $0.element.isFinished || truncate != nil }.flatMap { i, curve in
            StudyCalibration.scores(of: curve, level: level, bootstrapReplicates: bootstrap, seed: seed &+ UInt64(1000 + i))
        }
    }
}
