import Foundation
import Testing
@testable import ScalingLaws

/// The frontier bootstrap reads each resample's frontier off one sort of the full data; it
/// must give exactly what sorting every resample gives. Its refits start from the point
/// estimate and a few screened grid starts; they must find what every grid start finds.
@Suite struct FrontierBootstrapTests {
    /// Points around L = 1.7 + (3e18/C)^0.15 with uniform noise of `noise` nats.
    static func study(seed: UInt64, noise: Double) -> (flops: [Double], loss: [Double]) {
        var rng = SplitMix64(seed: seed)
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<400 {
            let c = 1e17 * pow(10, Double(k % 40) / 8)
            xs.append(c)
            ys.append(1.7 + pow(3e18 / c, 0.15) + Double(rng.next() % 1000) / 1000 * noise)
        }
        xs.append(xs[7]); ys.append(ys[7])           // an exact duplicate point
        return (xs, ys)
    }

    @Test func presortedResamplesGiveTheSameReplicatesAsSortingEachOne() throws {
        let (flops, loss) = Self.study(seed: 3, noise: 0.05)
        let bootstrap = Bootstrap(samples: 60, seed: 5, level: 0.8, threads: 1)
        let fast = FrontierFit.bootstrap(flops: flops, loss: loss, screening: nil, bootstrap: bootstrap)
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

    /// Screened refits against refits from all 120 grid starts, replicate by replicate, on
    /// studies with little and much noise (a noisy frontier has the flattest objective).
    @Test(arguments: [(UInt64(3), 0.01), (11, 0.05), (17, 0.2)])
    func screenedRefitsFindWhatEveryGridStartFinds(seed: UInt64, noise: Double) throws {
        let (flops, loss) = Self.study(seed: seed, noise: noise)
        let bootstrap = Bootstrap(samples: 200, seed: 9, level: 0.8, threads: 0)
        let screened = FrontierFit.bootstrap(flops: flops, loss: loss, bootstrap: bootstrap)
        let exhaustive = FrontierFit.bootstrap(flops: flops, loss: loss, screening: nil, bootstrap: bootstrap)
        // The caller's own fit handed in gives the same replicates as fitting it here.
        let handedIn = FrontierFit.bootstrap(flops: flops, loss: loss, estimate: try FrontierFit.fit(flops: flops, loss: loss),
                                             bootstrap: bootstrap)
        #expect(handedIn.replicates == screened.replicates)
        #expect(screened.failed == exhaustive.failed)
        for name in ["E", "C0", "gamma"] {
            let a = screened.replicates[name] ?? [], b = exhaustive.replicates[name] ?? []
            try #require(a.count == b.count && a.count >= 190)
            let same = zip(a, b).filter { abs($0 - $1) <= 1e-4 * abs($1) }.count
            #expect(Double(same) >= 0.98 * Double(a.count), "\(name): \(same) of \(a.count) replicates agree")
            let ia = try #require(screened.estimates[name]?.interval), ib = try #require(exhaustive.estimates[name]?.interval)
            #expect(abs(ia.lowerBound - ib.lowerBound) <= 0.01 * abs(ib.lowerBound)
                    && abs(ia.upperBound - ib.upperBound) <= 0.01 * abs(ib.upperBound),
                    "\(name): screened \(ia), exhaustive \(ib)")
        }
    }

    @Test func aDrawsFrontierIsNumberedByItsFirstPlaceInTheDraw() throws {
        let flops = [1e18, 2e18, 4e18, 8e18], loss = [3.0, 2.8, 2.7, 2.65]
        let order = [0, 1, 2, 3]
        let f = try FrontierFit.fitFrontier(of: [3, 1, 1, 0, 2], order: order, flops: flops, loss: loss)
        #expect(f.frontier == [3, 1, 4, 0])
    }
}
