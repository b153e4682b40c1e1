/// Training compute from model size and data: C ≈ 6·N·D FLOPs
/// (forward 2ND + backward 4ND; Kaplan et al. 2020, §2.1; Hoffmann et al. 2022, §3).
public enum TrainingCompute {
    /// FLOPs to train `parameters` on `tokens` by the 6ND rule.
    public static func sixND(parameters: Double, tokens: Double) -> Double {
        6 * parameters * tokens
    }

    /// Tokens a budget of `flops` buys for a model of `parameters` by the 6ND rule.
    public static func tokens(flops: Double, parameters: Double) -> Double {
        flops / (6 * parameters)
    }
}
