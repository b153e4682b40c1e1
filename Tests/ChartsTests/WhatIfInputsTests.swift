import ScalingLaws
import Testing
@testable import Charts

@Suite struct WhatIfInputsTests {
    @Test func budgetsInFLOPsHoursAndDollars() throws {
        let base = WhatIfInputs()
        #expect(try base.applying("3e22").flops == 3e22, "a bare number is FLOPs")
        // H100 dense BF16 989 TFLOP/s at 40% MFU for 1e5 GPU-hours.
        let hours = try base.applying("gpu-hours=1e5")
        #expect(abs(hours.flops - 1e5 * 3600 * 989e12 * 0.4) / hours.flops < 1e-12)
        let dollars = try base.applying("hw=A100 mfu=0.5 price=2 dollars=1M")
        #expect(abs(dollars.flops - 5e5 * 3600 * 312e12 * 0.5) / dollars.flops < 1e-12)
        #expect(dollars.hardware == "A100")
    }

    @Test func constraintsAndClear() throws {
        let asked = try WhatIfInputs().applying("N=7B U=1.5T inference=1e13 target=2.1")
        #expect(asked.fixedParameters == 7e9 && asked.uniqueTokens == 1.5e12 && asked.inferenceTokens == 1e13 && asked.targetLoss == 2.1)
        let cleared = try asked.applying("clear")
        #expect(cleared.fixedParameters == nil && cleared.uniqueTokens == nil && cleared.targetLoss == nil)
    }

    @Test func planningTermsAndClear() throws {
        let asked = try WhatIfInputs().applying("vocab=32K batch=4M qat=4")
        #expect(asked.plannedVocabulary == 32000)
        #expect(asked.batchTokens == 4e6)
        #expect(asked.qatBits == 4)
        let cleared = try asked.applying("clear")
        #expect(cleared.plannedVocabulary == nil)
        #expect(cleared.batchTokens == nil)
        #expect(cleared.qatBits == nil)
        for (text, reason) in [("batch=100", "at least one 4096-token sequence"), ("qat=64", "bit width 1–16"), ("vocab=0", "must be positive")] {
            #expect(throws: WhatIfInputs.ParseError.self) { try WhatIfInputs().applying(text) }
            do { _ = try WhatIfInputs().applying(text) } catch { #expect(error.description.contains(reason), "\(text): \(error.description)") }
        }
    }

    @Test func badInputSaysWhy() {
        let cases: [(String, String)] = [
            ("C=-1", "outside 1e12–1e30"), ("C=1e40", "outside 1e12–1e30"), ("hw=TPUv9", "unknown hardware"),
            ("mfu=1.5", "fraction"), ("gpus=2.5", "whole number"), ("N=lots", "not a number"),
            ("dollars=1e6", "needs a price"), ("speed=3", "unknown term"), ("target=0", "must be positive"),
        ]
        for (text, reason) in cases {
            do {
                _ = try WhatIfInputs().applying(text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(reason), "\(text): \(error.description)")
            }
        }
    }
}
