import Foundation
import RunIngest
import ScalingLaws
import StudyAnalysis

/// `StudyPlanningFits` on what `scaletop fit` reads: every final point (a run's last, or a
/// table's rows) with its run's metadata, and every run's loss against tokens with its batch.
enum WhatIfPlanningFits {
    static func fit(_ data: FitInput) -> StudyPlanningFits {
        guard data.runMetadata.count == data.runNames.count, data.tokenCurves.count == data.runNames.count else { return StudyPlanningFits() }
        let planning = data.runMetadata.map(PlanningMetadata.init)
        let finals = data.finals.indices.map { i in
            StudyPlanningFits.Final(name: data.runNames[data.finalRun[i]], parameters: data.finals[i].parameters, tokens: data.finals[i].tokens,
                                    flops: data.finalFlops[i], loss: data.finals[i].loss, metadata: planning[data.finalRun[i]])
        }
        let curves = data.runNames.indices.compactMap { r -> CriticalBatchFit.Run? in
            guard let b = data.runMetadata[r].tokensPerStep,
                  let n = data.finals.indices.first(where: { data.finalRun[$0] == r }).map({ data.finals[$0].parameters }) else { return nil }
            return .init(parameters: n, batchTokens: b, tokens: data.tokenCurves[r].map(\.tokens), loss: data.tokenCurves[r].map(\.loss))
        }
        return StudyPlanningFits.fit(finals: finals, curves: curves)
    }
}
