/// The x axes a curve can be drawn against.
public enum XAxisQuantity: String, Sendable, CaseIterable {
    case step, tokens, flops = "FLOPs", wallTime = "wall time"

    public var unit: String {
        switch self {
        case .step: return "steps"
        case .tokens: return "tokens"
        case .flops: return "FLOPs"
        case .wallTime: return "seconds"
        }
    }
}

extension Run {
    /// Tokens seen at a point: the log's own count, else step × tokens per step.
    public func tokens(at point: MetricPoint) -> Double? {
        tokens(logged: point.tokens, step: point.step)
    }

    /// Training compute at a point: the log's own count, else tokens × FLOPs per token,
    /// else C = 6ND (Kaplan et al. 2020, §2.1).
    public func flops(at point: MetricPoint) -> Double? {
        flops(logged: point.flops, tokens: tokens(at: point))
    }

    // A product of finite numbers can overflow (1e305 tokens × 6N): a value the axes and fits
    // cannot place is no value, as a logged one that is not finite is (the parsers drop those);
    // an infinite compute once trapped the summaries and looped the IsoFLOP budgets endlessly.
    private func tokens(logged: Double?, step: @autoclosure () -> Int) -> Double? {
        if let logged { return logged }
        if let perStep = metadata.tokensPerStep { return Self.finite(Double(step()) * perStep) }
        return nil
    }

    private func flops(logged: Double?, tokens: @autoclosure () -> Double?) -> Double? {
        if let logged { return logged }
        guard let tokens = tokens() else { return nil }
        if let perToken = metadata.flopsPerToken { return Self.finite(tokens * perToken) }
        if let n = metadata.parameters { return Self.finite(6 * n * tokens) }
        return nil
    }

    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// The value of `quantity` at a point, or nil when the run cannot say.
    public func x(_ quantity: XAxisQuantity, at point: MetricPoint) -> Double? {
        switch quantity {
        case .step: return Double(point.step)
        case .tokens: return tokens(at: point)
        case .flops: return flops(at: point)
        case .wallTime:
            guard let t = point.wallTime, let t0 = points.first?.wallTime else { return nil }
            return t - t0
        }
    }

    /// `x(quantity, at: points[position])`, reading only the columns it needs (a new plot
    /// draws every point of 10,000 runs afresh; building each point was a fifth of it).
    public func x(_ quantity: XAxisQuantity, atPosition i: Int) -> Double? {
        x(quantity, atPosition: i, of: points)
    }

    /// `x(quantity, atPosition: i)` read from `points`, the run's own points taken once by a
    /// caller that reads many positions: each read of `points` through the run copies its
    /// struct (264 bytes, a memcpy per point drawn while a study loads, perf, issue 16).
    public func x(_ quantity: XAxisQuantity, atPosition i: Int, of points: MetricPoints) -> Double? {
        switch quantity {
        case .step:
            return Double(points.step(at: i))
        case .tokens:
            return tokens(logged: points.tokens(at: i), step: points.step(at: i))
        case .flops:
            return flops(logged: points.flops(at: i), tokens: tokens(logged: points.tokens(at: i), step: points.step(at: i)))
        case .wallTime:
            guard let t = points[i].wallTime, let t0 = points.first?.wallTime else { return nil }
            return t - t0
        }
    }

    /// Whether every point of this run has a value on `quantity`.
    public func supports(_ quantity: XAxisQuantity) -> Bool {
        guard !points.isEmpty else { return quantity == .step }
        // What the metadata settles without building the first point (its columns decoded):
        // the dashboard asks this of 10,000 runs at every appended line (perf, issue 16).
        switch quantity {
        case .step:
            return true
        case .tokens where metadata.tokensPerStep != nil:
            return true
        case .flops where metadata.tokensPerStep != nil && (metadata.flopsPerToken != nil || metadata.parameters != nil):
            return true
        default:
            // The first point's columns only (building the point was 7% of an appended
            // line's CPU at 10,000 runs whose tokens are logged, perf).
            return x(quantity, atPosition: 0) != nil
        }
    }
}
