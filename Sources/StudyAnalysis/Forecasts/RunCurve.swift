import RunIngest
import ScalingLaws

/// A run's loss curve as the forecast reads it: x in tokens when every point has a token
/// count, else in steps; learning rates when every point has one; the planned end in the
/// same unit from the run's metadata. `scaletop forecast` and the dashboard's forecasts
/// both read runs through it.
public struct RunCurve: Sendable {
    public var name: String
    public var parameters: Double?
    public var axis: XAxisQuantity
    public var x: [Double]
    public var loss: [Double]
    public var learningRate: [Double]?
    /// Planned end on `axis`, when the metadata says.
    public var plannedEnd: Double?
    public var isFinished: Bool

    public init(_ run: Run) {
        name = run.name
        parameters = run.metadata.parameters
        axis = run.supports(.tokens) ? .tokens : .step
        // Points with x ≤ 0 or repeated x carry nothing a curve in x can use.
        var xs: [Double] = [], ls: [Double] = [], lrs: [Double?] = []
        for p in run.points {
            guard let v = run.x(axis, at: p), v > 0, v > (xs.last ?? 0) else { continue }
            xs.append(v)
            ls.append(p.loss)
            lrs.append(p.learningRate)
        }
        x = xs
        loss = ls
        learningRate = lrs.allSatisfy { $0 != nil } && !lrs.isEmpty ? lrs.map { $0! } : nil
        switch axis {
        case .tokens:
            plannedEnd = run.metadata.plannedTokens ?? run.metadata.plannedSteps.flatMap { s in run.metadata.tokensPerStep.map { s * $0 } }
        default:
            plannedEnd = run.metadata.plannedSteps ?? run.metadata.plannedTokens.flatMap { t in run.metadata.tokensPerStep.map { t / $0 } }
        }
        isFinished = run.isFinished
    }

    /// The first `fraction` of the curve (by x), planned to end where it really ended.
    public func truncated(at fraction: Double) -> (x: [Double], loss: [Double], learningRate: [Double]?, end: Double, actual: Double)? {
        guard let lastX = x.last, let actual = loss.last else { return nil }
        let keep = x.indices.filter { x[$0] <= fraction * lastX }
        return (keep.map { x[$0] }, keep.map { loss[$0] }, learningRate.map { lr in keep.map { lr[$0] } }, lastX, actual)
    }
}
