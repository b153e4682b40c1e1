import ScalingLaws

/// A model's `config.json` beside `trainer_state.json`, read for N. Counted with
/// `TransformerArchitecture(huggingFaceConfig:)` for the styles it knows (GPT-2 and
/// LLaMA/Mistral/Qwen2-like decoders); any other architecture (encoder-decoders such as
/// BART or T5, MoE) is named in the metadata rather than guessed at.
public enum HuggingFaceConfig {
    public static let fileName = "config.json"

    /// Hyperparameter key saying why N is absent.
    public static let parameterNoteKey = "parameters_note"

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var source: String
        public var reason: String
        /// 1-based line of the fault, when there is one.
        public var line: Int?
        public var description: String { "\(source): \(reason)" }
    }

    static let decoderModelTypes: Set<String> = ["gpt2", "llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2",
                                                  "olmo", "olmo2", "phi3", "smollm3", "granite", "starcoder2"]

    public static func metadata(_ bytes: [UInt8], source: String = fileName) throws(Failure) -> RunMetadata {
        try reading(bytes, source: source).metadata
    }

    /// The metadata, and the numbers of the config that do not fit (`"hidden_size": 1e19`):
    /// problems with the line of their key, while the rest of the config is still read.
    public static func reading(_ bytes: [UInt8], source: String = fileName) throws(Failure)
        -> (metadata: RunMetadata, problems: [Failure]) {
        let document: PythonJSON
        switch PythonJSON.read(bytes) {
        case .success(let d): document = d
        case .failure(.truncated):
            throw Failure(source: source, reason: "incomplete JSON (the file is being written), will retry",
                          line: JSONFaultLocation.line(ofByte: bytes.count, in: bytes))
        case .failure(.malformed(let offset, let reason)):
            throw Failure(source: source, reason: "not valid JSON: \(reason) at byte \(offset + 1)",
                          line: JSONFaultLocation.line(ofByte: offset, in: bytes))
        }
        guard let config = document.foundationValue as? [String: Any] else {
            throw Failure(source: source, reason: "expected one JSON object", line: 1)
        }
        var metadata = RunMetadata(source: source)
        let modelType = (config["model_type"] as? String) ?? "unknown"
        metadata.hyperparameters["model_type"] = modelType
        if let architectures = config["architectures"] as? [Any] {
            metadata.hyperparameters["architectures"] = architectures.map { "\($0)" }.joined(separator: ", ")
        }
        for key in ["hidden_size", "n_embd", "d_model", "num_hidden_layers", "n_layer", "vocab_size",
                    "intermediate_size", "num_attention_heads", "num_key_value_heads", "max_position_embeddings"] {
            if let v = config[key] { metadata.hyperparameters[key] = "\(v)" }
        }
        let encoderDecoder = (config["is_encoder_decoder"] as? Bool) == true || config["encoder_layers"] != nil
        let moe = ["num_local_experts", "num_experts", "n_routed_experts"].contains { config[$0] != nil }
        let gpt2Style = modelType == "gpt2" || config["n_embd"] != nil
        let llamaStyle = config["hidden_size"] != nil && config["intermediate_size"] != nil && config["num_hidden_layers"] != nil
        guard !encoderDecoder, !moe, decoderModelTypes.contains(modelType) || gpt2Style || llamaStyle else {
            let kind = encoderDecoder ? "an encoder-decoder" : moe ? "a mixture-of-experts model" : "an architecture scaletop cannot count"
            metadata.hyperparameters[parameterNoteKey] =
                "model_type \(modelType) is \(kind); parameters not computed (add \"parameters\" to a scaletop.json sidecar)"
            return (metadata, [])
        }
        var problems: [Failure] = []
        do {
            let architecture = try TransformerArchitecture(huggingFaceConfig: config)
            metadata.parameters = Double(architecture.totalParameters)
            metadata.hyperparameters["parameters_source"] = "counted from \(source) (\(gpt2Style ? "GPT-2" : "LLaMA") style)"
        } catch {
            metadata.hyperparameters[parameterNoteKey] = "parameters not computed: \(error.description)"
            // A size the config lacks is a note (the architecture is not one counted here);
            // a number that does not fit is the file's fault.
            if error.valueDoesNotFit {
                problems.append(Failure(source: source, reason: error.description + "; parameters not computed",
                                        line: error.key.flatMap { line(ofKey: $0, in: bytes) }))
            }
        }
        return (metadata, problems)
    }

    /// The 1-based line of the first member named `key` (`"key"` then `:`), if any.
    static func line(ofKey key: String, in bytes: [UInt8]) -> Int? {
        let quoted = Array("\"\(key)\"".utf8)
        guard bytes.count >= quoted.count else { return nil }
        var i = 0
        while i + quoted.count <= bytes.count {
            if bytes[i] == quoted[0], Array(bytes[i..<(i + quoted.count)]) == quoted {
                var j = i + quoted.count
                while j < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: ":") { return JSONFaultLocation.line(ofByte: i, in: bytes) }
            }
            i += 1
        }
        return nil
    }
}
