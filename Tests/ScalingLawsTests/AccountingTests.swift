import Testing
@testable import ScalingLaws

/// methods.md §1.6 and §10 row 9: parameter counts that match the published ones exactly.
@Suite struct AccountingTests {
    static var gpt2Config: [String: Any] { [
        "model_type": "gpt2", "n_layer": 12, "n_embd": 768, "n_head": 12, "n_positions": 1024,
        "n_ctx": 1024, "vocab_size": 50257,
    ] }
    static var llama2Config: [String: Any] { [
        "model_type": "llama", "num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32,
        "num_key_value_heads": 32, "intermediate_size": 11008, "vocab_size": 32000,
        "max_position_embeddings": 4096, "hidden_act": "silu", "tie_word_embeddings": false,
    ] }
    static var llama3Config: [String: Any] { [
        "model_type": "llama", "num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32,
        "num_key_value_heads": 8, "intermediate_size": 14336, "vocab_size": 128256,
        "max_position_embeddings": 8192, "hidden_act": "silu", "tie_word_embeddings": false,
    ] }

    @Test func gpt2Small() throws {
        let arch = try TransformerArchitecture(huggingFaceConfig: Self.gpt2Config)
        #expect(arch.nonEmbeddingParameters == 85_056_000)
        #expect(arch.totalParameters == 124_439_808)
    }

    @Test func llama2_7B() throws {
        let arch = try TransformerArchitecture(huggingFaceConfig: Self.llama2Config)
        #expect(arch.nonEmbeddingParameters == 6_476_271_616)
        #expect(arch.totalParameters == 6_738_415_616)
    }

    @Test func llama3_8B() throws {
        let arch = try TransformerArchitecture(huggingFaceConfig: Self.llama3Config)
        #expect(arch.nonEmbeddingParameters == 6_979_588_096)
        #expect(arch.totalParameters == 8_030_261_248)
        // methods.md §1.6: at s = 8192, 6·N_ne = 4.19e10, standard 4.50e10, attention 5.15e10.
        #expect(abs(arch.trainingFlopsPerToken(.kaplan) / 4.19e10 - 1) < 5e-3)
        #expect(abs(arch.trainingFlopsPerToken(.standard) / 4.50e10 - 1) < 5e-3)
        #expect(abs(arch.trainingFlopsPerToken(.attention) / 5.15e10 - 1) < 5e-3)
    }

    /// methods.md §10 row 6: DeepSeek 7B, M = 4.228e10 and C = M·D = 8.456e22 at 2T tokens.
    @Test func deepSeekM() {
        let arch = TransformerArchitecture(layers: 30, modelWidth: 4096, vocabularySize: 102400,
                                           contextLength: 4096, heads: 32)
        #expect(abs(arch.deepSeekM / 4.228e10 - 1) < 1e-3)
        #expect(abs(arch.deepSeekM * 2e12 / 8.456e22 - 1) < 1e-3)
    }

    /// Kaplan's count with d_attn = d_model and d_ff = 4·d_model is 12·n_layer·d².
    @Test func kaplanCount() {
        let arch = TransformerArchitecture(layers: 12, modelWidth: 768, vocabularySize: 50257, contextLength: 1024, heads: 12)
        #expect(arch.kaplanNonEmbeddingParameters == 12 * 12 * 768 * 768)
        #expect(arch.kaplanForwardFlopsPerToken == 2 * Double(12 * 12 * 768 * 768) + 2 * 12 * 1024 * 768)
    }

    /// Hoffmann et al. Table A4: the fuller count is within about 10% of 6ND for large
    /// models (0.99 at 6.8B). With the embedding and logits terms as printed (methods.md
    /// §1.3 caveat) a 7B-class shape gives 1.10; small models deviate far more.
    @Test func chinchillaFullerCountIsNearSixNDAtScale() {
        let arch = TransformerArchitecture(layers: 32, modelWidth: 4096, vocabularySize: 32000,
                                           contextLength: 2048, heads: 32, feedForwardWidth: 16384,
                                           normalisation: .rmsNorm, tiedEmbeddings: true)
        let ratio = arch.trainingFlopsPerToken(.chinchilla) / (6 * Double(arch.totalParameters))
        #expect(ratio > 1.05 && ratio < 1.15, "ratio \(ratio)")
    }

    @Test func sixND() {
        #expect(TrainingCompute.sixND(parameters: 70e9, tokens: 1.4e12) == 5.88e23)
    }

    @Test func missingFieldIsAClearError() {
        #expect(throws: TransformerArchitecture.ConfigError.self) {
            try TransformerArchitecture(huggingFaceConfig: ["model_type": "llama", "hidden_size": 4096])
        }
    }
}
