/// What a scaling fit needs to know about a run beyond its curve.
public struct RunMetadata: Sendable, Equatable {
    /// Model parameters N.
    public var parameters: Double?
    /// Tokens per optimiser step (global batch × sequence length).
    public var tokensPerStep: Double?
    /// Tokens the run is planned to train on in total.
    public var plannedTokens: Double?
    /// Optimiser steps the run is planned to take in total (HF `max_steps`, Megatron
    /// `train_iters`, a sidecar's `planned_steps`): says when a run without a token count
    /// has finished.
    public var plannedSteps: Double?
    /// Training FLOPs per token; when absent, 6N is used (Kaplan et al. 2020, §2.1).
    public var flopsPerToken: Double?
    /// Anything else the sidecar names (learning rate, width, …), as written.
    public var hyperparameters: [String: String]
    /// The file the metadata was read from, for `scaletop runs` and error messages.
    public var source: String?
    /// The name the writer gave the run (`wandb.init(name=…)`, MLflow's `run_name`), shown
    /// instead of its path when present.
    public var runName: String?
    /// How the run ended, when its writer recorded it.
    public var end: RunEnd?

    public init(parameters: Double? = nil, tokensPerStep: Double? = nil, plannedTokens: Double? = nil,
                plannedSteps: Double? = nil, flopsPerToken: Double? = nil, hyperparameters: [String: String] = [:],
                source: String? = nil) {
        self.parameters = parameters
        self.tokensPerStep = tokensPerStep
        self.plannedTokens = plannedTokens
        self.plannedSteps = plannedSteps
        self.flopsPerToken = flopsPerToken
        self.hyperparameters = hyperparameters
        self.source = source
    }

    /// The tokens the run is planned to see: as given, else planned steps × tokens per step.
    public var plannedTokensOrProduct: Double? {
        plannedTokens ?? plannedSteps.flatMap { steps in tokensPerStep.map { steps * $0 } }
    }

    /// The metadata fields a person should add to get every x axis and fit (planned tokens
    /// are not missing when planned steps and tokens per step give them).
    public var missingFields: [String] {
        var missing: [String] = []
        if parameters == nil { missing.append("parameters") }
        if tokensPerStep == nil { missing.append("tokens_per_step") }
        if plannedTokensOrProduct == nil { missing.append("planned_tokens") }
        return missing
    }
}
