import Foundation
import Testing
@testable import RunIngest
@testable import ScalingLaws
@testable import StudyAnalysis

/// The dashboard's own vocabulary, critical-batch and QAT fits from run summaries (issue #18).
@Suite struct StudyPlanningFitsTests {
    @Test func vocabularyAndQATFromFinishedRunsMetadata() {
        var runs: [RunSummary] = []
        // A vocabulary sweep: losses per byte on a parabola in log N_v around 0.2·C^0.42.
        for c in [1e18, 1e19, 1e20] {
            let best: Double = 0.2 * pow(c, 0.42)
            for k in -2...2 {
                let nv: Double = best * pow(2, Double(k))
                let loss: Double = 1 + 0.05 * pow(log(nv / best), 2)
                let n: Double = 0.0834 * pow(c, 0.5) + nv
                runs.append(RunSummary(id: "v\(c)\(k)", name: "v", parameters: n, tokens: c / (6 * n), flops: c, finalLoss: loss,
                                       status: .finished, hyperparameters: ["vocab_size": "\(nv / 1024)", "hidden_size": "1024", "loss_unit": "bpb"]))
            }
        }
        // A QAT sweep at 1e9 parameters, 2e11 tokens, 4 bits around a = 6 (S = 400).
        let f: Double = exp(-6 / log(400.0))
        for k in -2...2 {
            let x: Double = f + 0.05 * Double(k)
            runs.append(RunSummary(id: "q\(k)", name: "q", parameters: 1e9, tokens: 2e11, flops: 1.2e21, finalLoss: 3 + (x - f) * (x - f),
                                   status: .finished, hyperparameters: ["qat_bits": "4", "qat_fraction": "\(x)"]))
        }
        let fits = StudyPlanningFits.fit(summaries: runs)
        let exponent = fits.vocabulary?.vocabularyParameters.exponent ?? 0
        #expect(abs(exponent - 0.42) < 1e-3)
        let a = fits.qat?.law.a ?? 0
        #expect(abs(a - 6) < 0.01)
        #expect(fits.criticalBatch == nil)
    }

    @Test func studyWithoutPlanningMetadataGetsNoFitsAndNoNotes() {
        let runs = (0..<6).map { k in
            RunSummary(id: "\(k)", name: "r\(k)", parameters: 1e8 * Double(k + 1), tokens: 1e10, flops: 6e18 * Double(k + 1), finalLoss: 3,
                       status: .finished)
        }
        let fits = StudyPlanningFits.fit(summaries: runs)
        #expect(fits.isEmpty)
        #expect(fits.notes.isEmpty)
    }
}
