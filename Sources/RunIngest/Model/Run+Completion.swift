extension Run {
    /// Fraction of the planned tokens done, when both are known.
    public var progress: Double? {
        guard let planned = metadata.plannedTokens, planned > 0,
              let last = points.last, let tokens = tokens(at: last) else { return nil }
        return min(1, tokens / planned)
    }

    /// Whether the run reached its planned length: 99 % of the planned tokens (a run whose
    /// token budget is not a whole number of batches stops just short of it), or the
    /// planned number of steps; or its writer recorded a normal end (`metadata.end`) and no
    /// point was logged after it. False when no plan is known and the writer said nothing.
    public var isFinished: Bool {
        guard let last = points.last else { return false }
        if let planned = metadata.plannedTokens, planned > 0, let tokens = tokens(at: last),
           tokens >= 0.99 * planned {
            return true
        }
        if let plannedSteps = metadata.plannedSteps, plannedSteps > 0, Double(last.step) >= plannedSteps {
            return true
        }
        if let end = metadata.end, end.outcome == .succeeded {
            guard let endTime = end.time, let logged = last.wallTime else { return true }
            return logged <= endTime + RunEnd.toleranceSeconds
        }
        return false
    }

    /// How the run failed, when its writer recorded a failure (W&B exit code, MLflow FAILED
    /// or KILLED, an hparams session ending in FAILURE) and it had not reached its plan.
    public var failure: String? {
        guard let end = metadata.end, case .failed(let how) = end.outcome, !isFinished else { return nil }
        return how
    }
}
