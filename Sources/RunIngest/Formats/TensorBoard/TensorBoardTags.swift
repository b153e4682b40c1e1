/// Which scalar tags of a TensorBoard run hold the loss, tokens, FLOPs and learning rate,
/// and which hparams keys hold the model size and batch shape.
///
/// A TensorBoard run logs many tags; each list is in order of preference and the first tag
/// of the list that the run logs wins (the same idea as `MetricColumns` for JSONL). The
/// defaults cover common writers (shared/log-formats.md §1.8): HF Trainer (`train/loss`,
/// `eval/loss`), Lightning and litgpt (`loss`, `train_loss`, `val_loss`), Keras
/// (`epoch_loss`), Megatron (`lm loss`), torchtitan (`loss_metrics/global_avg_loss`).
public struct TensorBoardTags: Sendable, Equatable {
    public var loss: [String]
    public var tokens: [String]
    public var flops: [String]
    public var learningRate: [String]
    /// hparams keys (exact) that give the model's parameter count N.
    public var parameters: [String]
    /// hparams keys that give tokens per optimiser step directly.
    public var tokensPerStep: [String]
    /// hparams keys for the global batch size (sequences per step) and the sequence
    /// length; tokens per step is their product when both are present.
    public var batchSize: [String]
    public var sequenceLength: [String]

    public init(loss: [String], tokens: [String], flops: [String], learningRate: [String],
                parameters: [String], tokensPerStep: [String], batchSize: [String], sequenceLength: [String]) {
        self.loss = loss
        self.tokens = tokens
        self.flops = flops
        self.learningRate = learningRate
        self.parameters = parameters
        self.tokensPerStep = tokensPerStep
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
    }

    public static let standard = TensorBoardTags(
        loss: ["loss", "train/loss", "train_loss", "loss/train", "lm loss", "loss_metrics/global_avg_loss",
               "epoch_loss", "eval/loss", "val/loss", "val_loss", "eval_loss", "validation/loss"],
        // litgpt logs both; `total_tokens` counts every device's tokens, `tokens` one device's.
        tokens: ["total_tokens", "tokens", "train/num_input_tokens_seen", "num_input_tokens_seen",
                 "n_tokens_seen", "tokens_seen", "throughput/total_tokens"],
        flops: ["flops", "total_flops", "training_flops"],
        learningRate: ["lr", "learning_rate", "train/learning_rate", "learning-rate", "train/lr", "lr-AdamW",
                       "epoch_learning_rate"],
        parameters: ["parameters", "n_params", "num_params", "num_parameters", "n_parameters", "model_parameters"],
        tokensPerStep: ["tokens_per_step", "batch_size_in_tokens"],
        batchSize: ["global_batch_size", "batch_size", "total_batch_size", "train_batch_size"],
        sequenceLength: ["seq_len", "seq_length", "sequence_length", "max_seq_length", "block_size", "context_length"]
    )
}
