import Testing
@testable import RunIngest

/// `Run.append(contentsOf:)`, the block path a parsed chunk takes into a run, against the
/// one-point `Run.append`: the same points kept (bit for bit, in the settled columns and the
/// exact ring), the same rewinds counted, on blocks of every size and logs of every shape
/// the columns treat apart (regular, irregular and wide steps, rewinds, columns that appear
/// mid-block, values a float cannot hold, absent values, wall times).
@Suite struct MetricPointsBlockTests {
    /// A log of `count` points: mostly regular steps, with the irregularities a shape asks for.
    static func log(_ count: Int, shape: Int, _ rng: inout SplitMixGenerator) -> [MetricPoint] {
        var step = shape == 3 ? 1 << 40 : shape == 6 ? Int.min : Int.random(in: 0...5, using: &rng)
        let stride = shape == 6 ? 1 << 58 : [1, 10, 7, 1000][shape % 4]
        // Shape 6: steps from Int.min by 2^58 (TensorBoard and MLflow steps are any int64), where
        // i × stride overflows before base + i × stride does.
        return (0..<(shape == 6 ? min(count, 63) : count)).map { i in
            let roll = Int.random(in: 0..<100, using: &rng)
            switch shape {
            case 1 where roll < 5: step += Int.random(in: 1...50, using: &rng)            // irregular steps
            case 2 where roll < 3: step = max(0, step - Int.random(in: 1...80, using: &rng))  // rewinds
            case 2 where roll < 5: break                                                  // a step logged again
            case 3 where roll < 2: step += Int(Int32.max) + 9                             // offsets beyond 32 bits
            default: step = i == 0 && shape == 6 ? step : step + stride
            }
            func sometimes(_ percent: Int, _ value: Double) -> Double? {
                Int.random(in: 0..<100, using: &rng) < percent ? value : nil
            }
            let loss: Double = roll == 50 && shape >= 4 ? [1e300, Double.leastNormalMagnitude / 4, .infinity, .nan][i % 4]
                : 2 + Double.random(in: 0..<1, using: &rng)
            return MetricPoint(step: step,
                               tokens: i < count / 3 ? nil : Double(step) * 524_288.5,
                               flops: shape >= 5 && roll == 7 ? 1e39 : sometimes(shape >= 4 ? 30 : 0, Double(step) * 6e15),
                               loss: loss,
                               learningRate: sometimes(90, 3e-4 / Double(i + 1)),
                               wallTime: i < 5 ? nil : 1_764_000_000.25 + Double(i) * 1.3)
        }
    }

    /// Two stores hold the same points: every field's bits, absent or not.
    static func same(_ a: MetricPoints, _ b: MetricPoints) -> Bool {
        func bits(_ v: Double?) -> UInt64? { v?.bitPattern }
        return a.count == b.count && zip(a, b).allSatisfy { p, q in
            p.step == q.step && p.loss.bitPattern == q.loss.bitPattern && bits(p.tokens) == bits(q.tokens)
                && bits(p.flops) == bits(q.flops) && bits(p.learningRate) == bits(q.learningRate)
                && bits(p.wallTime) == bits(q.wallTime)
        }
    }

    @Test(arguments: 0..<7) func blocksStoreWhatOnePointAtATimeStores(shape: Int) {
        for seed in 0..<12 {
            var rng = SplitMixGenerator(seed: UInt64(seed * 31 + shape))
            let points = Self.log(Int.random(in: 0...3000, using: &rng), shape: shape, &rng)
            var one = Run(id: "r", name: "r"), blocks = Run(id: "r", name: "r")
            let droppedOne = points.reduce(0) { $0 + one.append($1) }
            if seed % 2 == 0 { blocks.points.reserveCapacity(points.count) }
            var droppedBlocks = 0, start = 0
            while start < points.count {
                // Blocks smaller than the exact ring, about its size, and far larger.
                let size = [1, 23, 24, 25, 30, 200, 2000][Int.random(in: 0..<7, using: &rng)]
                let end = min(points.count, start + size)
                droppedBlocks += blocks.append(contentsOf: points[start..<end])
                start = end
            }
            #expect(droppedBlocks == droppedOne, "shape \(shape), seed \(seed)")
            #expect(Self.same(blocks.points, one.points), "shape \(shape), seed \(seed): \(points.count) points")
            #expect(blocks.points.allocatedColumns == one.points.allocatedColumns, "shape \(shape), seed \(seed)")
            #expect(blocks.points.hasWideSteps == one.points.hasWideSteps, "shape \(shape), seed \(seed)")
        }
    }
}
