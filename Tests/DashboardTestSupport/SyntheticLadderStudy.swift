import Charts
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The finished synthetic ladder every panel test draws: four sizes × three lengths (10,
/// 20, 40 tokens per parameter), 24 checkpoints each, loss from a Chinchilla-like law
/// L = 1.8 + 400/N^0.34 + 2000/D^0.37, with its fits (seeded). ChartsTests keep the panels'
/// snapshots of it; ExportTests compare text exports with those same snapshots, so both
/// must draw exactly this study.
public enum SyntheticLadderStudy {
    public static let study: StudyView = {
        var runs: [Run] = []
        for size in [1e8, 2e8, 4e8, 8e8] {
            for perParameter in [10.0, 20, 40] {
                let planned = perParameter * size
                let tokensPerStep = 2e5
                let steps = Int(planned / tokensPerStep)
                var run = Run(id: "ladder/\(NumberFormat.short(size))-\(Int(perParameter))tpp/metrics.jsonl",
                              name: "ladder/\(NumberFormat.short(size))-\(Int(perParameter))tpp",
                              metadata: RunMetadata(parameters: size, tokensPerStep: tokensPerStep, plannedTokens: planned))
                for k in 1...24 {
                    let step = max(1, Int(Double(steps) * pow(Double(k) / 24, 2)))
                    let d = Double(step) * tokensPerStep
                    run.append(MetricPoint(step: step, loss: 1.8 + 400 / pow(size, 0.34) + 2000 / pow(d, 0.37)))
                }
                runs.append(run)
            }
        }
        let summaries = runs.map { RunSummary(run: $0, now: 0) }
        let fits = StudyFits.compute(summaries, bootstrapSamples: 40, seed: 7)
        return StudyView(title: "ladder", runs: runs, summaries: summaries.map { var s = $0; s.flopsCurve = []; return s },
                         issues: [], followMode: "following (inotify)", fits: fits, fitStatus: "fits: 12 finished runs",
                         ingestLagSeconds: 0.012)
    }()
}
