/// Which keys of a metrics line hold the step, tokens, FLOPs, loss, learning rate and time.
///
/// The defaults cover the names common loggers write (OLMo, nanoGPT, HF, LLaMA-Factory,
/// torchtune, levanter; see shared/log-formats.md §6); the first key present wins.
public struct MetricColumns: Sendable, Equatable {
    public var step: [String]
    public var tokens: [String]
    public var flops: [String]
    public var loss: [String]
    public var learningRate: [String]
    public var wallTime: [String]
    /// Roles the user mapped to one column each (`init(mapping:)`): for these a missing
    /// column is an error rather than a fall-back to the next name.
    var mapped: [Role: String] = [:]

    public init(step: [String], tokens: [String], flops: [String], loss: [String],
                learningRate: [String], wallTime: [String]) {
        self.step = step
        self.tokens = tokens
        self.flops = flops
        self.loss = loss
        self.learningRate = learningRate
        self.wallTime = wallTime
    }

    public static let standard = MetricColumns(
        step: ["step", "_step", "global_step", "iter", "iteration", "current_steps", "trainer/global_step"],
        tokens: ["tokens", "total_tokens", "throughput/total_tokens", "num_input_tokens_seen", "tokens_seen"],
        flops: ["flops", "total_flops", "training_flops"],
        // Training loss first: it is logged every step; eval losses only now and then.
        loss: ["loss", "train/loss", "train_loss", "train/CrossEntropyLoss", "train/CE loss", "lm loss",
               "eval_loss", "val_loss", "val/loss", "eval/loss", "eval/c4_en-validation/CrossEntropyLoss", "epoch_loss"],
        learningRate: ["lr", "learning_rate", "optim/learning_rate_group0", "optim/learning_rate"],
        wallTime: ["time", "timestamp", "_timestamp", "wall_time", "walltime"]
    )
}
