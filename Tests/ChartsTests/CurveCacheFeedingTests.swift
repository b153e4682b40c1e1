import Glibc
import Testing
@testable import Charts
@testable import RunIngest

/// `CurveCache.update(_:places:…)` draws many runs' new points on several threads before a
/// frame looks the curves up: the curves, extents and decimated points are then exactly
/// those the frame draws one run at a time on its own thread.
@Suite struct CurveCacheFeedingTests {
    /// Runs short (kept decimated) and long (kept in sketches), with and without tokens,
    /// with NaN losses and a spike.
    static func runs(upTo fraction: Double, rewound: Bool = false) -> [Run] {
        let lengths = [800, 4_000, 7_000, 18_000, 40_000, 62_000, 1_400, 24_000]
        return lengths.enumerated().map { r, length in
            var run = Run(id: "r\(r)", name: "run \(r)", metadata: RunMetadata(parameters: 1e8 * Double(r + 1),
                                                                               tokensPerStep: r == 6 ? nil : 2048))
            let n = Int(Double(length) * fraction)
            // Rewound runs start again from step 1 with other losses (their files rewritten)
            // and have half their points so far.
            let rewinds = rewound && (r == 4 || r == 5)
            let shift = rewinds ? 0.3 : 0
            for s in stride(from: 1, through: max(1, rewinds ? n / 2 : n), by: 1) {
                let loss = s % 89 == 0 ? Double.nan : s == n / 2 ? 30 : 2 + shift + 20 / pow(Double(s), 0.4) + 0.01 * sin(Double(s))
                run.append(MetricPoint(step: s, loss: loss))
            }
            return run
        }
    }

    /// The places `update` is given (the others are drawn by the lookups alone).
    static let updated = [7, 5, 4, 1, 3, 0]

    /// Every run's curve from `cache`, after `update` when `parallel`: extent and points
    /// decimated for two plots.
    /// `fedFirst`: whether `update` left every run's entry with all its points.
    static func curves(_ runs: [Run], _ cache: CurveCache, parallel: Bool, smoothing: Double, fedFirst: inout Bool)
        -> [(extent: (x: ClosedRange<Double>, y: ClosedRange<Double>)?, plots: [[Double]])] {
        runs.withUnsafeBufferPointer { buffer in
            if parallel {
                // Some places, out of order: a job must feed its own run's entry.
                cache.update(buffer, places: Self.updated, quantity: .tokens, logX: true, logY: true, smoothing: smoothing)
                fedFirst = Self.updated.allSatisfy { place in
                    let run = buffer[place]
                    return cache.entries[.init(run: run.id, quantity: .tokens, smoothing: smoothing)]?.count == run.points.count
                }
            }
            return buffer.indices.map { place in
                let curve = cache.curve(of: buffer, at: place, quantity: .tokens, logX: true, logY: true, smoothing: smoothing)
                let plots = [(1e3...1e8, 160), (1e4...1e7, 77)].map { domain, columns -> [Double] in
                    let p = cache.prepared(curve, of: buffer, at: place, xDomain: domain, columns: columns)
                    return p.raw.flatMap { [$0.x, $0.y] } + (p.smoothed ?? []).flatMap { [$0.x, $0.y] }
                }
                return (curve.isDrawable ? cache.extent(of: curve) : nil, plots)
            }
        }
    }

    @Test(arguments: [0.0, 0.6])
    func curvesFedOnSeveralThreadsEqualThoseFedOnOne(smoothing: Double) {
        let parallel = CurveCache(), serial = CurveCache()
        for (stage, runs) in [Self.runs(upTo: 0.4), Self.runs(upTo: 0.4), Self.runs(upTo: 0.8),
                              Self.runs(upTo: 1), Self.runs(upTo: 1, rewound: true)].enumerated() {
            var fedFirst = false
            let got = Self.curves(runs, parallel, parallel: true, smoothing: smoothing, fedFirst: &fedFirst)
            let want = Self.curves(runs, serial, parallel: false, smoothing: smoothing, fedFirst: &fedFirst)
            if stage == 0 || stage == 2 || stage == 4 { #expect(fedFirst, "stage \(stage): every new point drawn before the lookups") }
            for (place, (a, b)) in zip(got, want).enumerated() {
                #expect(a.extent?.x == b.extent?.x && a.extent?.y == b.extent?.y, "stage \(stage), run \(place): extent")
                let samePoints = a.plots == b.plots   // outside the expectation: it would print every point
                #expect(samePoints, "stage \(stage), run \(place): drawn points")
            }
        }
        #expect(serial.entriesFedInParallel == 0)
        // The updated places hold 148,800 points: stages 0 and 2 bring 59,520 new points
        // each, fed on several threads; stage 1 none, stage 3 29,760; stage 4 rewinds two
        // runs, whose 20,000 + 31,000 points are drawn afresh on several threads.
        #expect(parallel.entriesFedInParallel == 6 + 6 + 2, "fed on several threads: \(parallel.entriesFedInParallel)")
    }
}
