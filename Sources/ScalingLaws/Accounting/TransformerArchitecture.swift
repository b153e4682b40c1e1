/// A dense decoder's shape, enough to count parameters and training FLOPs per token
/// (methods.md §1.6).
public struct TransformerArchitecture: Sendable, Equatable {
    public enum Normalisation: String, Sendable {
        /// LayerNorm with a bias: 2·d per norm (GPT-2).
        case layerNorm
        /// RMSNorm, scale only: d per norm (Llama).
        case rmsNorm
    }

    public var layers: Int
    /// d_model.
    public var modelWidth: Int
    public var vocabularySize: Int
    /// Sequence length s (also the learned position table's size when positions are learned).
    public var contextLength: Int
    public var heads: Int
    /// Key/value heads (GQA); equal to `heads` for multi-head attention.
    public var keyValueHeads: Int
    /// d_h, usually d_model/heads.
    public var headDimension: Int
    /// d_ff, the FFN hidden width.
    public var feedForwardWidth: Int
    /// SwiGLU/GeGLU (three matrices) rather than a plain two-matrix MLP.
    public var gatedFeedForward: Bool
    public var normalisation: Normalisation
    /// Linear layers carry biases (GPT-2 does; Llama does not).
    public var biases: Bool
    public var tiedEmbeddings: Bool
    public var learnedPositions: Bool

    public init(layers: Int, modelWidth: Int, vocabularySize: Int, contextLength: Int, heads: Int,
                keyValueHeads: Int? = nil, headDimension: Int? = nil, feedForwardWidth: Int? = nil,
                gatedFeedForward: Bool = false, normalisation: Normalisation = .layerNorm,
                biases: Bool = false, tiedEmbeddings: Bool = true, learnedPositions: Bool = false) {
        self.layers = layers
        self.modelWidth = modelWidth
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.heads = heads
        self.keyValueHeads = keyValueHeads ?? heads
        self.headDimension = headDimension ?? (heads > 0 ? modelWidth / heads : modelWidth)
        self.feedForwardWidth = feedForwardWidth ?? 4 * modelWidth
        self.gatedFeedForward = gatedFeedForward
        self.normalisation = normalisation
        self.biases = biases
        self.tiedEmbeddings = tiedEmbeddings
        self.learnedPositions = learnedPositions
    }

    /// Per layer: W_Q, W_K, W_V, W_O = d·d_h·(2h + 2h_kv), plus biases if any.
    public var attentionParametersPerLayer: Int {
        let d = modelWidth, dh = headDimension, h = heads, hkv = keyValueHeads
        var n = d * dh * (h + 2 * hkv) + h * dh * d
        if biases { n += dh * (h + 2 * hkv) + d }
        return n
    }

    public var feedForwardParametersPerLayer: Int {
        let d = modelWidth, f = feedForwardWidth
        var n = (gatedFeedForward ? 3 : 2) * d * f
        if biases { n += f * (gatedFeedForward ? 2 : 1) + d }
        return n
    }

    private var normParameters: Int { normalisation == .layerNorm ? 2 * modelWidth : modelWidth }

    /// N_ne = L·(attention + MLP + two norms) + final norm: Kaplan's non-embedding count,
    /// except that norms are included as in methods.md §1.6.
    public var nonEmbeddingParameters: Int {
        layers * (attentionParametersPerLayer + feedForwardParametersPerLayer + 2 * normParameters) + normParameters
    }

    /// Input embedding, untied output head and learned positions.
    public var embeddingParameters: Int {
        var n = vocabularySize * modelWidth
        if !tiedEmbeddings { n += vocabularySize * modelWidth }
        if learnedPositions { n += contextLength * modelWidth }
        return n
    }

    /// Everything: Chinchilla's count.
    public var totalParameters: Int { nonEmbeddingParameters + embeddingParameters }

    /// Kaplan et al. 2020 Table 1: N ≈ 2·d_model·n_layer·(2·d_attn + d_ff), matrices only.
    public var kaplanNonEmbeddingParameters: Int {
        2 * modelWidth * layers * (2 * heads * headDimension + feedForwardWidth)
    }

    /// Kaplan's forward FLOPs per token: 2N + 2·n_layer·n_ctx·d_attn (§1.2).
    public var kaplanForwardFlopsPerToken: Double {
        2 * Double(kaplanNonEmbeddingParameters) + 2 * Double(layers * contextLength * heads * headDimension)
    }

    /// Training FLOPs per token under a labelled convention (methods.md §1.6).
    public func trainingFlopsPerToken(_ convention: FLOPConvention) -> Double {
        let ne = Double(nonEmbeddingParameters), head = Double(vocabularySize * modelWidth)
        switch convention {
        case .kaplan: return 6 * ne
        case .standard: return 6 * (ne + head)
        case .attention: return 6 * (ne + head) + 6 * Double(layers * contextLength * heads * headDimension)
        case .deepseek: return deepSeekM
        case .chinchilla: return chinchillaTrainingFlopsPerSequence / Double(contextLength)
        }
    }

    /// DeepSeek LLM's M = 72·n_layer·d² + 12·n_layer·d·l_seq (arXiv 2401.02954, §3.2);
    /// 72·n_layer·d² is written as 6 × the actual non-embedding matrix parameters so GQA and
    /// other FFN widths count correctly.
    public var deepSeekM: Double {
        let matrices = Double(layers * (d_dh_attention + (gatedFeedForward ? 3 : 2) * modelWidth * feedForwardWidth))
        return 6 * matrices + 12 * Double(layers * modelWidth * contextLength)
    }

    private var d_dh_attention: Int {
        modelWidth * headDimension * (heads + 2 * keyValueHeads) + heads * headDimension * modelWidth
    }

    /// Hoffmann et al. 2022 Appendix F: forward FLOPs per sequence (embeddings, attention,
    /// dense block, logits), training = 3 × forward. Keeps the embedding and logits terms
    /// as printed (Porian's `precise_flops_per_token_chinchilla` differs; methods.md §1.3).
    public var chinchillaTrainingFlopsPerSequence: Double {
        let s = Double(contextLength), v = Double(vocabularySize), d = Double(modelWidth)
        let kh = Double(heads * headDimension), h = Double(heads), f = Double(feedForwardWidth)
        let embeddings = 2 * s * v * d
        let attention = 2 * 3 * s * d * kh + 2 * s * s * kh + 3 * h * s * s + 2 * s * s * kh + 2 * s * kh * d
        let dense = 2 * s * (d * f + d * f)
        let logits = 2 * s * d * v
        return 3 * (embeddings + Double(layers) * (attention + dense) + logits)
    }
}

/// How training FLOPs per token are counted; every fit must say which (methods.md §1).
public enum FLOPConvention: String, Sendable, CaseIterable {
    /// 6·N_ne (Kaplan; Porian "kaplan").
    case kaplan
    /// 6·(N_ne + V·d), including the output head (Porian "standard").
    case standard
    /// Standard plus causal attention 6·L·s·(h·d_h) (Porian "attention").
    case attention
    /// DeepSeek's M: 6·N_ne + 12·L·s·d, no head, non-causal attention.
    case deepseek
    /// Hoffmann et al. Appendix F's fuller count.
    case chinchilla
}
