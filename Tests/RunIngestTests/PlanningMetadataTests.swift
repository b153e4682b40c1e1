import Foundation
import Testing
@testable import RunIngest

/// The metadata the what-if's vocabulary, batch and QAT fits read (issue #18).
@Suite struct PlanningMetadataTests {
    @Test func sidecarKeysBecomePlanningMetadata() throws {
        let json = #"{"parameters": 1.1e8, "tokens_per_step": 524288, "planned_tokens": 2e9, "vocab_size": 32768,"#
            + #" "hidden_size": 768, "qat_bits": 4, "qat_tokens": 5e8, "loss_unit": "BPB"}"#
        let metadata = try SidecarMetadata.parse(Data(json.utf8), source: "scaletop.json")
        let p = PlanningMetadata(metadata)
        #expect(metadata.tokensPerStep == 524288)
        #expect(p.vocabularySize == 32768)
        #expect(p.width == 768)
        #expect(p.qatBits == 4)
        #expect(p.qatFraction == 0.25)
        #expect(p.perCharacterLoss)
        #expect(p.nonVocabularyParameters == nil)
    }

    @Test func nestedConfigKeysMatchByTheirLastPart() {
        let p = PlanningMetadata(RunMetadata(hyperparameters: ["model.vocab_size": "50304", "model.d_model": "1024",
                                                               "quant.qat_fraction": "0.1", "loss_unit": "nats"]))
        #expect(p.vocabularySize == 50304)
        #expect(p.width == 1024)
        #expect(p.qatFraction == 0.1)
        #expect(!p.perCharacterLoss)
        // Nonsense values are not metadata.
        let bad = PlanningMetadata(RunMetadata(hyperparameters: ["vocab_size": "lots", "hidden_size": "-3", "qat_fraction": "1.5"]))
        #expect(bad.vocabularySize == nil)
        #expect(bad.width == nil)
        #expect(bad.qatFraction == nil)
    }

    @Test func megatronArgumentDumpKeepsWidthAndVocabulary() throws {
        let log = """
        ------------------------ arguments ------------------------
          global_batch_size ............................... 512
          hidden_size ..................................... 2048
          padded_vocab_size ............................... 50304
          seq_length ...................................... 2048
         iteration       10/    1000 | consumed samples:         5120 | elapsed time per iteration (ms): 100.0 | learning rate: 1.000E-04 | global batch size:   512 | lm loss: 7.500000E+00 |

        """
        var parser = StdoutLogParser()
        let out = parser.parse(Array(log.utf8))
        let metadata = out.metadata ?? RunMetadata()
        let perStep = try #require(metadata.tokensPerStep)
        #expect(perStep == 1_048_576, "hidden_size must not take the batch's place")
        let p = PlanningMetadata(metadata)
        #expect(p.vocabularySize == 50304)
        #expect(p.width == 2048)
    }
}
