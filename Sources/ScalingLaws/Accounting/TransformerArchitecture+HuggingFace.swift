extension TransformerArchitecture {
    /// Why a `config.json` could not be read as an architecture.
    public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// From a Hugging Face `config.json` already decoded to a dictionary: GPT-2 style
    /// (`n_layer`, `n_embd`, `n_head`, `n_positions`, `n_inner`) or Llama style
    /// (`num_hidden_layers`, `hidden_size`, `intermediate_size`, `num_key_value_heads`).
    public init(huggingFaceConfig c: [String: Any]) throws(ConfigError) {
        func int(_ keys: String...) -> Int? {
            for k in keys {
                if let v = c[k] as? Int { return v }
                if let v = c[k] as? Double, v == v.rounded() { return Int(v) }
            }
            return nil
        }
        func need(_ what: String, _ v: Int?) throws(ConfigError) -> Int {
            guard let v, v > 0 else { throw ConfigError(message: "config.json has no positive \(what)") }
            return v
        }
        let modelType = (c["model_type"] as? String)?.lowercased() ?? ""
        let gpt2Style = modelType == "gpt2" || c["n_embd"] != nil
        let layers = try need("layer count (n_layer / num_hidden_layers)", int("n_layer", "num_hidden_layers"))
        let width = try need("width (n_embd / hidden_size)", int("n_embd", "hidden_size", "d_model"))
        let vocab = try need("vocab_size", int("vocab_size"))
        let heads = try need("head count (n_head / num_attention_heads)", int("n_head", "num_attention_heads"))
        let context = try need("context length (n_positions / max_position_embeddings)",
                               int("n_positions", "n_ctx", "max_position_embeddings"))
        if gpt2Style {
            self.init(layers: layers, modelWidth: width, vocabularySize: vocab, contextLength: context,
                      heads: heads, feedForwardWidth: int("n_inner") ?? 4 * width, gatedFeedForward: false,
                      normalisation: .layerNorm, biases: true,
                      tiedEmbeddings: (c["tie_word_embeddings"] as? Bool) ?? true, learnedPositions: true)
        } else {
            let ffn = try need("intermediate_size", int("intermediate_size"))
            self.init(layers: layers, modelWidth: width, vocabularySize: vocab, contextLength: context,
                      heads: heads, keyValueHeads: int("num_key_value_heads") ?? heads,
                      headDimension: int("head_dim") ?? width / heads, feedForwardWidth: ffn,
                      // Llama-style blocks use a gated FFN (SwiGLU): gate, up and down matrices.
                      gatedFeedForward: true,
                      normalisation: .rmsNorm, biases: (c["attention_bias"] as? Bool) ?? false,
                      tiedEmbeddings: (c["tie_word_embeddings"] as? Bool) ?? false, learnedPositions: false)
        }
    }
}
