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
        if let tokens = point.tokens { return tokens }
        if let perStep = metadata.tokensPerStep { return Double(point.step) * perStep }
        return nil
    }

    /// Training compute at a point: the log's own count, else tokens × FLOPs per token,
    /// else C = 6ND (Kaplan et al. 2020, §2.1).
    public func flops(at point: MetricPoint) -> Double? {
        if let flops = point.flops { return flops }
        guard let tokens = tokens(at: point) else { return nil }
        if let perToken = metadata.flopsPerToken { return tokens * perToken }
        if let n = metadata.parameters { return 6 * n * tokens }
        return nil
    }

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
            return x(quantity, at: points[0]) != nil
        }
    }
}
