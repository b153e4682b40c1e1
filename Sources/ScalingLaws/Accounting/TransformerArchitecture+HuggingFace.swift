extension TransformerArchitecture {
    /// The largest size any one dimension of a config may have (width, depth, vocabulary,
    /// context, heads): 2^24, beyond every model built, and small enough that no product
    /// of the parameter count overflows.
    public static let largestDimension = 1 << 24

    /// Why a `config.json` could not be read as an architecture.
    public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        /// The key whose value is no size a model has (nil: a key is missing, or the sizes
        /// only fail together).
        public var key: String? = nil
        /// Whether a number in the config does not fit (a size out of range, or sizes whose
        /// product overflows), as opposed to a size the config does not give.
        public var valueDoesNotFit = false
        public var description: String { message }
    }

    /// From a Hugging Face `config.json` already decoded to a dictionary: GPT-2 style
    /// (`n_layer`, `n_embd`, `n_head`, `n_positions`, `n_inner`) or Llama style
    /// (`num_hidden_layers`, `hidden_size`, `intermediate_size`, `num_key_value_heads`).
    ///
    /// Every size must be a whole number from 1 to `largestDimension`: a value that is not
    /// (`1e19`, `Infinity`, `-3`, `12.5`) is an error naming the key, never a trap.
    public init(huggingFaceConfig c: [String: Any]) throws(ConfigError) {
        func int(_ keys: String...) throws(ConfigError) -> Int? {
            for k in keys {
                guard let raw = c[k], !(raw is Bool) else { continue }
                let value: Double
                switch raw {
                case let v as Int: value = Double(v)
                case let v as Double: value = v
                default: continue
                }
                guard let whole = WholeNumber.int(value), whole > 0, whole <= Self.largestDimension else {
                    throw ConfigError(message: "config.json \(k) is \(value), not a whole number from 1 to \(Self.largestDimension)",
                                      key: k, valueDoesNotFit: true)
                }
                return whole
            }
            return nil
        }
        func need(_ what: String, _ v: Int?) throws(ConfigError) -> Int {
            guard let v, v > 0 else { throw ConfigError(message: "config.json has no positive \(what)") }
            return v
        }
        let modelType = (c["model_type"] as? String)?.lowercased() ?? ""
        let gpt2Style = modelType == "gpt2" || c["n_embd"] != nil
        let layers = try need("layer count (n_layer / num_hidden_layers)", try int("n_layer", "num_hidden_layers"))
        let width = try need("width (n_embd / hidden_size)", try int("n_embd", "hidden_size", "d_model"))
        let vocab = try need("vocab_size", try int("vocab_size"))
        let heads = try need("head count (n_head / num_attention_heads)", try int("n_head", "num_attention_heads"))
        let context = try need("context length (n_positions / max_position_embeddings)",
                               try int("n_positions", "n_ctx", "max_position_embeddings"))
        if gpt2Style {
            self.init(layers: layers, modelWidth: width, vocabularySize: vocab, contextLength: context,
                      heads: heads, feedForwardWidth: try int("n_inner") ?? 4 * width, gatedFeedForward: false,
                      normalisation: .layerNorm, biases: true,
                      tiedEmbeddings: (c["tie_word_embeddings"] as? Bool) ?? true, learnedPositions: true)
        } else {
            let ffn = try need("intermediate_size", try int("intermediate_size"))
            self.init(layers: layers, modelWidth: width, vocabularySize: vocab, contextLength: context,
                      heads: heads, keyValueHeads: try int("num_key_value_heads") ?? heads,
                      headDimension: try int("head_dim") ?? width / heads, feedForwardWidth: ffn,
                      // Llama-style blocks use a gated FFN (SwiGLU): gate, up and down matrices.
                      gatedFeedForward: true,
                      normalisation: .rmsNorm, biases: (c["attention_bias"] as? Bool) ?? false,
                      tiedEmbeddings: (c["tie_word_embeddings"] as? Bool) ?? false, learnedPositions: false)
        }
        guard countsFitInIntegers else {
            throw ConfigError(message: "config.json sizes are too large to count (the parameter or FLOP count would exceed 1e18)",
                              valueDoesNotFit: true)
        }
    }

    /// Whether every integer count this architecture computes stays far inside Int: the
    /// products of its sizes, bounded in floating point before any is computed exactly.
    var countsFitInIntegers: Bool {
        let d = Double(modelWidth), dh = Double(headDimension), h = Double(heads), kv = Double(keyValueHeads)
        let f = Double(feedForwardWidth), s = Double(contextLength), v = Double(vocabularySize), l = Double(layers)
        let perLayer = d * dh * (h + 2 * kv) + h * dh * d + 3 * d * f + 2 * f + 4 * d + s * h * dh + s * d
        let bound = l * perLayer + 2 * v * d + s * d + 2 * d * l * (2 * h * dh + f)
        return bound.isFinite && bound < 1e18
    }
}
