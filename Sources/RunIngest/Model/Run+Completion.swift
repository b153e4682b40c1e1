extension Run {
    /// Fraction of the planned tokens done, when both are known.
    public var progress: Double? {
        guard let planned = metadata.plannedTokens, planned > 0,
              let last = points.last, let tokens = tokens(at: last) else { return nil }
        return min(1, tokens / planned)
    }

    /// Whether the run reached its planned length: 99 % of the planned tokens (a run whose
    /// token budget is not a whole number of batches stops just short of it), or the
    /// planned number of steps. False when neither plan is known.
    public var isFinished: Bool {
        guard let last = points.last else { return false }
        if let planned = metadata.plannedTokens, planned > 0, let tokens = tokens(at: last),
           tokens >= 0.99 * planned {
            return true
        }
        if let plannedSteps = metadata.plannedSteps, plannedSteps > 0, Double(last.step) >= plannedSteps {
            return true
        }
        return false
    }
}
