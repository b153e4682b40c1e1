import Foundation

/// What a run's name says about it, for runs with no better metadata: a model size
/// (`190M`, `1.3B`, `7b`), a Chinchilla multiple (`5xC`: 5 × 20 tokens per parameter, as
/// the OLMo ladder names its runs) and a shape (`d=576_l=24`: width and depth, giving
/// N ≈ 12·l·d², Kaplan et al. 2020's non-embedding count, labelled as an estimate).
/// Pure: a name in, partial metadata out; merge it under anything read from files.
public enum RunNamePatterns {
    /// Tokens per parameter in one "xC" (Hoffmann et al. 2022; OLMo ladder run names).
    public static let chinchillaTokensPerParameter = 20.0

    /// Hyperparameter keys this sets besides the numbers.
    public static let parametersSourceKey = "parameters_source"
    public static let plannedTokensSourceKey = "planned_tokens_source"

    private static let sizeRegex = SharedRegex(literal: #"(?<![A-Za-z0-9.=])(\d+(?:\.\d+)?)([MmBbTt])(?![A-Za-z0-9])"#)
    private static let chinchillaRegex = SharedRegex(literal: #"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)[xX]C(?![A-Za-z0-9])"#)
    private static let widthRegex = SharedRegex(literal: #"(?<![A-Za-z0-9])(?:d|d_model|width|n_embd|hidden)[=-]?(\d+)(?![0-9])"#)
    private static let depthRegex = SharedRegex(literal: #"(?<![A-Za-z0-9])(?:l|layers|n_layer|depth)[=-]?(\d+)(?![0-9])"#)

    /// Compile the patterns now, if they are not yet. The first pattern compiled in a process
    /// makes ICU build its character sets (`\d`, `\w`…): 3 of the 18 ms of CPU a one-run
    /// `scaletop runs` took (perf, issue 16), on the thread that then waited for it. The CLI
    /// calls this on another thread as it starts, so that happens while its arguments are
    /// parsed, on the core that sat idle.
    public static func compileAhead() {
        _ = (sizeRegex, chinchillaRegex, widthRegex, depthRegex)
    }

    /// Partial metadata from `name`, or nil when the name says nothing this reads.
    public static func metadata(fromRunName name: String) -> RunMetadata? {
        var metadata = RunMetadata(source: "run name \"\(name)\"")
        var found = false
        if let m = sizeRegex.firstMatch(in: name), let digits = m.text(1, in: name), let value = Double(digits),
           let suffix = m.text(2, in: name)?.lowercased() {
            let scale: Double = suffix == "m" ? 1e6 : suffix == "b" ? 1e9 : 1e12
            metadata.parameters = value * scale
            metadata.hyperparameters[parametersSourceKey] = "run name (\(digits)\(m.text(2, in: name)!))"
            found = true
        }
        let width = widthRegex.firstMatch(in: name).flatMap { $0.text(1, in: name) }.flatMap { Int($0) }
        let depth = depthRegex.firstMatch(in: name).flatMap { $0.text(1, in: name) }.flatMap { Int($0) }
        if let d = width, let l = depth, d > 0, l > 0 {
            metadata.hyperparameters["d_model"] = String(d)
            metadata.hyperparameters["n_layer"] = String(l)
            found = true
            if metadata.parameters == nil {
                metadata.parameters = 12 * Double(l) * Double(d) * Double(d)
                metadata.hyperparameters[parametersSourceKey] = "estimate 12·l·d² (non-embedding) from run name d=\(d), l=\(l)"
            }
        }
        if let m = chinchillaRegex.firstMatch(in: name), let digits = m.text(1, in: name), let multiple = Double(digits), multiple > 0 {
            metadata.hyperparameters["chinchilla_multiple"] = digits
            found = true
            if let n = metadata.parameters {
                metadata.plannedTokens = multiple * chinchillaTokensPerParameter * n
                metadata.hyperparameters[plannedTokensSourceKey] = "\(digits) × 20 tokens per parameter × N from the run name"
            }
        }
        return found ? metadata : nil
    }
}
