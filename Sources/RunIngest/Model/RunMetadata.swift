/// What a scaling fit needs to know about a run beyond its curve.
public struct RunMetadata: Sendable, Equatable {
    /// Model parameters N.
    public var parameters: Double?
    /// Tokens per optimiser step (global batch × sequence length).
    public var tokensPerStep: Double?
    /// Tokens the run is planned to train on in total.
    public var plannedTokens: Double?
    /// Training FLOPs per token; when absent, 6N is used (Kaplan et al. 2020, §2.1).
    public var flopsPerToken: Double?
    /// Anything else the sidecar names (learning rate, width, …), as written.
    public var hyperparameters: [String: String]
    /// The file the metadata was read from, for `scaletop runs` and error messages.
    public var source: String?

    public init(parameters: Double? = nil, tokensPerStep: Double? = nil, plannedTokens: Double? = nil,
                flopsPerToken: Double? = nil, hyperparameters: [String: String] = [:], source: String? = nil) {
        self.parameters = parameters
        self.tokensPerStep = tokensPerStep
        self.plannedTokens = plannedTokens
        self.flopsPerToken = flopsPerToken
        self.hyperparameters = hyperparameters
        self.source = source
    }

    /// The metadata fields a person should add to get every x axis and fit.
    public var missingFields: [String] {
        var missing: [String] = []
        if parameters == nil { missing.append("parameters") }
        if tokensPerStep == nil { missing.append("tokens_per_step") }
        if plannedTokens == nil { missing.append("planned_tokens") }
        return missing
    }
}
