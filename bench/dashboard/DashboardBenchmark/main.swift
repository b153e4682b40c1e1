// Frame time and memory of the dashboard for a big study: 200 runs × 100,000 points
// rendered with every panel at 200×60, in process (no terminal), the way the event loop
// renders it. Prints one JSON object for bench/dashboard/run.sh.
//
//   DashboardBenchmark [runs] [points per run] [width] [height]
import Charts
import Foundation
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let runCount = arguments.count > 0 ? arguments[0] : 200
let pointsPerRun = arguments.count > 1 ? arguments[1] : 100_000
let width = arguments.count > 2 ? arguments[2] : 200
let height = arguments.count > 3 ? arguments[3] : 60

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb * 1024
}

func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

// A deterministic study: 10 sizes × 20 lengths, noisy losses with rare spikes.
var rng = SplitMix64(seed: 42)
@MainActor func uniform() -> Double { Double(rng.next() >> 11) / 9_007_199_254_740_992 }
let rssBefore = residentBytes()
var runs: [Run] = []
for r in 0..<runCount {
    let n = 1e7 * pow(10, Double(r % 10) / 3)
    let planned = 20 * n * pow(2, Double(r / 10) / 4)
    let tokensPerStep = planned / Double(pointsPerRun)
    var run = Run(id: "run\(r)/metrics.jsonl", name: "run\(r)",
                  metadata: RunMetadata(parameters: n, tokensPerStep: tokensPerStep, plannedTokens: planned))
    for step in 1...pointsPerRun {
        let d = Double(step) * tokensPerStep
        var loss = 1.8 + 400 / pow(n, 0.34) + 2000 / pow(d, 0.37)
        loss *= 1 + 0.02 * (uniform() - 0.5)
        if uniform() < 1e-4 { loss *= 1.5 }
        run.append(MetricPoint(step: step, loss: loss))
    }
    runs.append(run)
}
let rssStore = residentBytes()
let totalPoints = runCount * pointsPerRun

let fitStart = seconds()
let summaries = runs.map { RunSummary(run: $0, now: 0) }
let fits = StudyFits.compute(summaries, bootstrapSamples: 100, threads: 1)
let fitSeconds = seconds() - fitStart

let cache = CurveCache()
var state = DashboardState()
state.selectedRunID = runs[runCount / 2].id
@MainActor func frame() -> (Double, CellGrid) {
    let start = seconds()
    let study = StudyView(title: "bench", runs: runs,
                          summaries: runs.map { RunSummary(run: $0, now: 0, includeCurve: false) },
                          issues: [], followMode: "following (inotify)", fits: fits, fitStatus: "fits")
    let grid = DashboardView(study: study, state: state, theme: .dark, glyphs: .braille, keyHelp: [],
                             curveCache: cache).render(width: width, height: height)
    return (seconds() - start, grid)
}

let (cold, firstGrid) = frame()
let rssFrame = residentBytes()
// Steady state: each frame follows one appended point on a live run, as the event loop does.
var steady: [Double] = []
for k in 0..<60 {
    let r = k % runCount
    let last = runs[r].points.last!
    runs[r].append(MetricPoint(step: last.step + 1, loss: last.loss * 0.9999))
    steady.append(frame().0)
}
// With smoothing on and the cursor shown (a second set of cached curves).
state.smoothing = 0.9
state.cursorFraction = 0.5
let (smoothedCold, _) = frame()
var smoothed: [Double] = []
for _ in 0..<20 { smoothed.append(frame().0) }
steady.sort()
smoothed.sort()
let panelsShown = ["1·Loss curves", "2·Runs", "3·IsoFLOP", "4·Pareto frontier", "5·What-if"]
    .filter { title in firstGrid.lines.contains { $0.contains(title) } }.count

let result: [String: Any] = [
    "runs": runCount, "points_per_run": pointsPerRun, "width": width, "height": height,
    "panels_shown": panelsShown,
    "cold_frame_ms": cold * 1000,
    "steady_frame_median_ms": steady[steady.count / 2] * 1000,
    "steady_frame_p95_ms": steady[Int(Double(steady.count) * 0.95)] * 1000,
    "smoothed_cold_frame_ms": smoothedCold * 1000,
    "smoothed_frame_median_ms": smoothed[smoothed.count / 2] * 1000,
    "fit_seconds": fitSeconds,
    "store_bytes_per_point": Double(rssStore - rssBefore) / Double(totalPoints),
    "cache_bytes_per_point": Double(rssFrame - rssStore) / Double(totalPoints),
    "resident_mib": Double(residentBytes()) / 1_048_576,
]
let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
