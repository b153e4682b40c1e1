import Foundation

/// What the what-if's vocabulary, batch and QAT fits need from a run, read from the
/// hyperparameters its sidecar or config names (`RunMetadata.hyperparameters`): a key
/// matches at the top level or as the last part of a nested one (`model.vocab_size`).
///
/// ```json
/// {"parameters": 1.1e8, "tokens_per_step": 524288, "vocab_size": 32768, "hidden_size": 768,
///  "qat_bits": 4, "qat_fraction": 0.2, "loss_unit": "bpb"}
/// ```
/// The batch is `RunMetadata.tokensPerStep`, which every reader already fills.
public struct PlanningMetadata: Sendable, Equatable {
    public var vocabularySize: Double?
    public var width: Double?
    /// N_nv when the run states it; otherwise the caller derives N − V·d.
    public var nonVocabularyParameters: Double?
    public var qatBits: Double?
    /// Fraction of the run's tokens spent in QAT (`qat_fraction`, or `qat_tokens` over the
    /// planned tokens).
    public var qatFraction: Double?
    /// The logged loss is per character or byte (`loss_unit` bpc, bpb, …), so comparable
    /// across vocabularies as it is.
    public var perCharacterLoss: Bool

    static let vocabularyKeys = ["vocab_size", "vocabulary_size", "padded_vocab_size", "n_vocab"]
    static let widthKeys = ["hidden_size", "d_model", "n_embd", "model_dim", "width", "dim"]
    static let nonVocabularyKeys = ["non_vocabulary_parameters", "non_embedding_parameters"]
    static let bitsKeys = ["qat_bits", "quantization_bits", "weight_bits", "w_bits"]
    static let perCharacterUnits: Set<String> = ["bpc", "bpb", "bits_per_byte", "bits_per_character", "nats_per_byte",
                                                  "nats_per_character", "per_byte", "per_character"]

    public init(_ metadata: RunMetadata) {
        let h = metadata.hyperparameters
        // Read for every run at every refit: no sorting or string building when the key is
        // there or the run has no hyperparameters (issue 16's profile).
        func nested(_ key: String) -> String? {
            guard !h.isEmpty else { return nil }
            let suffix = "." + key
            // The first in sorted order, when several nested keys end so.
            return h.keys.filter { $0.hasSuffix(suffix) }.min().flatMap { h[$0] }
        }
        func value(_ keys: [String]) -> Double? {
            for key in keys {
                if let text = h[key] ?? nested(key), let v = Double(text.trimmingCharacters(in: [" ", "\t"])), v.isFinite, v > 0 {
                    return v
                }
            }
            return nil
        }
        vocabularySize = value(Self.vocabularyKeys)
        width = value(Self.widthKeys)
        nonVocabularyParameters = value(Self.nonVocabularyKeys)
        qatBits = value(Self.bitsKeys)
        if let f = value(["qat_fraction"]), f < 1 {
            qatFraction = f
        } else if let t = value(["qat_tokens"]), let total = metadata.plannedTokens, t < total {
            qatFraction = t / total
        }
        let unit = h["loss_unit"].map { $0.lowercased().replacingOccurrences(of: "-", with: "_") }
        perCharacterLoss = unit.map { Self.perCharacterUnits.contains($0) } ?? false
    }
}
