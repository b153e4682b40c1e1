import Foundation
import Testing
@testable import ScalingLaws

/// The frontier bootstrap reads each resample's frontier off one sort of the full data; it
/// must give exactly what sorting every resample gives.
@Suite struct FrontierBootstrapTests {
    @Test func presortedResamplesGiveTheSameReplicatesAsSortingEachOne() throws {
        var rng = SplitMix64(seed: 3)
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<400 {
            let c = 1e17 * pow(10, Double(k % 40) / 8)
            let noise = Double(rng.next() % 1000) / 1000 * 0.05
            xs.append(c)
            ys.append(1.7 + pow(3e18 / c, 0.15) + noise)
        }
        xs.append(xs[7]); ys.append(ys[7])           // an exact duplicate point
        let flops = xs, loss = ys
        let bootstrap = Bootstrap(samples: 60, seed: 5, level: 0.8, threads: 1)
        let fast = FrontierFit.bootstrap(flops: flops, loss: loss, bootstrap: bootstrap)
        let slow = bootstrap.run(plan: .independentPoints(flops.count), names: ["E", "C0", "gamma"]) { draw in
            let f = try FrontierFit.fit(flops: draw.map { flops[$0] }, loss: draw.map { loss[$0] })
            return ["E": f.law.irreducibleLoss, "C0": f.law.scale, "gamma": f.law.exponent]
        }
        #expect(fast.failed == slow.failed)
        for name in ["E", "C0", "gamma"] {
            #expect(fast.replicates[name] == slow.replicates[name], "\(name)")
        }
        #expect((fast.replicates["gamma"] ?? []).count > 50)
    }

    @Test func aDrawsFrontierIsNumberedByItsFirstPlaceInTheDraw() throws {
        let flops = [1e18, 2e18, 4e18, 8e18], loss = [3.0, 2.8, 2.7, 2.65]
        let order = [0, 1, 2, 3]
        let f = try FrontierFit.fitFrontier(of: [3, 1, 1, 0, 2], order: order, flops: flops, loss: loss)
        #expect(f.frontier == [3, 1, 4, 0])
    }
}
