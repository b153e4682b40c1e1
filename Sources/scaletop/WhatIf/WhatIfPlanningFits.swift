import Foundation
import RunIngest
import ScalingLaws

/// The study's own vocabulary, critical-batch and QAT laws, fitted when its runs carry the
/// metadata for them (`PlanningMetadata`: vocabulary size and width; tokens per step; QAT
/// bits and fraction). A study without such metadata gets none and no note; a study with it
/// whose fit fails gets a note saying why.
struct WhatIfPlanningFits {
    var vocabulary: VocabularyIsoFLOPFit?
    var criticalBatch: CriticalBatchFit?
    var qat: QATFractionFit?
    var notes: [String] = []

    var isEmpty: Bool { vocabulary == nil && criticalBatch == nil && qat == nil }

    static func fit(_ data: FitInput) -> WhatIfPlanningFits {
        var result = WhatIfPlanningFits()
        guard data.runMetadata.count == data.runNames.count else { return result }
        let planning = data.runMetadata.map(PlanningMetadata.init)

        // Vocabulary: final points of runs that name their vocabulary and width.
        var vocab: [VocabularyIsoFLOPFit.Observation] = []
        for i in data.finals.indices {
            let r = data.finalRun[i], p = planning[r]
            guard let v = p.vocabularySize, let d = p.width else { continue }
            let nnv = p.nonVocabularyParameters ?? (data.finals[i].parameters - v * d)
            guard nnv > 0 else {
                result.notes.append("\(data.runNames[r]): N − V·d is not positive; give non_vocabulary_parameters")
                continue
            }
            vocab.append(.init(nonVocabularyParameters: nnv, vocabularySize: v, width: d, flops: data.finalFlops[i],
                               loss: data.finals[i].loss, perCharacterLoss: p.perCharacterLoss))
        }
        if Set(vocab.map(\.vocabularySize)).count >= 2 {
            do { result.vocabulary = try VocabularyIsoFLOPFit.fit(vocab) } catch {
                result.notes.append("vocabulary IsoFLOP fit (Tao et al. 2024 Approach 1): \(error)")
            }
        }

        // Critical batch: runs with a batch and a loss curve against tokens.
        let batchRuns = data.runNames.indices.compactMap { r -> CriticalBatchFit.Run? in
            guard let b = data.runMetadata[r].tokensPerStep, r < data.tokenCurves.count, data.tokenCurves[r].count >= 3,
                  let n = data.finals.indices.first(where: { data.finalRun[$0] == r }).map({ data.finals[$0].parameters }), n.isFinite
            else { return nil }
            return .init(parameters: n, batchTokens: b, tokens: data.tokenCurves[r].map(\.tokens), loss: data.tokenCurves[r].map(\.loss))
        }
        if Set(batchRuns.map(\.batchTokens)).count >= 2 {
            do { result.criticalBatch = try CriticalBatchFit.fit(batchRuns) } catch {
                result.notes.append("critical-batch fit (Kaplan et al. 2020 §5.1): \(error)")
            }
        }

        // QAT: final points of runs that name their bit width and QAT fraction.
        var qat: [QATFractionFit.Run] = []
        for i in data.finals.indices {
            let r = data.finalRun[i], p = planning[r]
            guard let bits = p.qatBits, let f = p.qatFraction else { continue }
            qat.append(.init(parameters: data.finals[i].parameters, totalTokens: data.finals[i].tokens, bits: bits, qatFraction: f,
                             loss: data.finals[i].loss))
        }
        if !qat.isEmpty {
            do { result.qat = try QATFractionFit.fit(qat) } catch {
                result.notes.append("QAT-fraction fit: \(error)")
            }
        }
        return result
    }
}
