import RunIngest
import ScalingLaws

/// A run's loss curve as the forecast reads it: x in tokens when every point has a token
/// count, else in steps; learning rates when every point has one; the planned end and the
/// planned schedule (from its configuration) in the same unit. `scaletop forecast` and the
/// dashboard's forecasts both read runs through it.
public struct RunCurve: Sendable {
    public var name: String
    public var parameters: Double?
    public var axis: XAxisQuantity
    public var x: [Double]
    public var loss: [Double]
    public var learningRate: [Double]?
    /// The optimiser step of each point.
    public var steps: [Int]
    /// Planned end on `axis`, when the metadata says.
    public var plannedEnd: Double?
    /// The schedule the run's configuration plans, on `axis`, and the keys it came from.
    public var schedule: LearningRateSchedule?
    public var scheduleSource: String?
    public var isFinished: Bool

    public init(_ run: Run) {
        name = run.name
        parameters = run.metadata.parameters
        axis = run.supports(.tokens) ? .tokens : .step
        // Points with x ≤ 0 or repeated x carry nothing a curve in x can use.
        var xs: [Double] = [], ls: [Double] = [], lrs: [Double?] = [], ss: [Int] = []
        for p in run.points {
            guard let v = run.x(axis, at: p), v > 0, v > (xs.last ?? 0) else { continue }
            xs.append(v)
            ls.append(p.loss)
            lrs.append(p.learningRate)
            ss.append(p.step)
        }
        x = xs
        loss = ls
        steps = ss
        learningRate = lrs.allSatisfy { $0 != nil } && !lrs.isEmpty ? lrs.map { $0! } : nil
        // Tokens per step: the metadata's, else what the log's own counts imply.
        let perStep = run.metadata.tokensPerStep
            ?? (axis == .tokens && (ss.last ?? 0) > 0 ? xs[xs.count - 1] / Double(ss[ss.count - 1]) : nil)
        switch axis {
        case .tokens:
            plannedEnd = run.metadata.plannedTokens ?? run.metadata.plannedSteps.flatMap { s in perStep.map { s * $0 } }
        default:
            plannedEnd = run.metadata.plannedSteps ?? run.metadata.plannedTokens.flatMap { t in run.metadata.tokensPerStep.map { t / $0 } }
        }
        if let planned = run.metadata.plannedSchedule, let scale = axis == .tokens ? perStep : 1 {
            var s = planned.schedule
            s.warmupEnd *= scale
            s.decayStart *= scale
            s.end *= scale
            s.drops = s.drops.map { .init(at: $0.at * scale, factor: $0.factor) }
            schedule = s
            scheduleSource = planned.source
        }
        isFinished = run.isFinished
    }

    /// The first `fraction` of the curve (by x), planned to end where it really ended, with
    /// the loss it really reached.
    public func truncated(at fraction: Double) -> (curve: RunCurve, actual: Double)? {
        guard let lastX = x.last, let actual = loss.last else { return nil }
        let keep = x.indices.filter { x[$0] <= fraction * lastX }
        var cut = self
        cut.x = keep.map { x[$0] }
        cut.loss = keep.map { loss[$0] }
        cut.steps = keep.map { steps[$0] }
        cut.learningRate = learningRate.map { lr in keep.map { lr[$0] } }
        cut.plannedEnd = lastX
        cut.isFinished = false
        return (cut, actual)
    }

    /// The forecast's input for this curve to its planned end (nil without one).
    public func forecastInput(level: Double, floor: LossFloor?, curvePoints: Int) -> LearningCurveForecastInput? {
        guard let end = plannedEnd else { return nil }
        return LearningCurveForecastInput(x: x, loss: loss, learningRate: learningRate, schedule: schedule, plannedEnd: end,
                                          floor: floor, level: level, curvePoints: curvePoints)
    }
}
