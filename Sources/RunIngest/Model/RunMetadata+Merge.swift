extension RunMetadata {
    /// These values, with any field left empty filled from `lower` (a less trusted source:
    /// a sidecar outranks a framework's config, which outranks a pattern in the run's name).
    public func filled(from lower: RunMetadata?) -> RunMetadata {
        guard let lower else { return self }
        var merged = self
        merged.parameters = parameters ?? lower.parameters
        merged.tokensPerStep = tokensPerStep ?? lower.tokensPerStep
        merged.plannedTokens = plannedTokens ?? lower.plannedTokens
        merged.plannedSteps = plannedSteps ?? lower.plannedSteps
        merged.flopsPerToken = flopsPerToken ?? lower.flopsPerToken
        merged.runName = runName ?? lower.runName
        merged.end = end ?? lower.end
        merged.hyperparameters = lower.hyperparameters.merging(hyperparameters) { _, mine in mine }
        switch (source, lower.source) {
        case let (mine?, theirs?) where mine != theirs: merged.source = mine + ", " + theirs
        case (nil, let theirs): merged.source = theirs
        default: break
        }
        return merged
    }
}
