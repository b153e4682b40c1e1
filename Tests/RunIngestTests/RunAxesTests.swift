import Testing
@testable import RunIngest

/// `supports` answers from the metadata when it can; the answer is always whether the first
/// point has a value on the axis.
@Suite struct RunAxesTests {
    @Test func supportsIsWhetherTheFirstPointHasAValue() {
        let maybe: [Double?] = [nil, 3]
        var checked = 0
        for perStep in maybe { for perToken in maybe { for n in maybe {
            for tokens in maybe { for flops in maybe { for wall in maybe {
                let metadata = RunMetadata(parameters: n.map { $0 * 1e8 }, tokensPerStep: perStep, flopsPerToken: perToken)
                let first = MetricPoint(step: 5, tokens: tokens, flops: flops, loss: 2, wallTime: wall)
                let run = Run(id: "r", name: "r", metadata: metadata, points: [first, MetricPoint(step: 6, loss: 1.9)])
                for quantity in XAxisQuantity.allCases {
                    #expect(run.supports(quantity) == (run.x(quantity, at: first) != nil),
                            "\(quantity) per step \(String(describing: perStep)) per token \(String(describing: perToken)) N \(String(describing: n)) tokens \(String(describing: tokens)) flops \(String(describing: flops)) wall \(String(describing: wall))")
                    checked += 1
                }
            }}}
        }}}
        #expect(checked == 64 * 4)
        let empty = Run(id: "e", name: "e", metadata: RunMetadata(tokensPerStep: 2))
        #expect(XAxisQuantity.allCases.filter(empty.supports) == [.step], "a run without points is drawn by step only")
    }

    /// Tokens and compute worked out from finite numbers can overflow (1e305 tokens × 6N):
    /// no value then, like a logged value that is not finite, never infinity (an infinite
    /// compute trapped the dashboard's summaries).
    @Test func anOverflowingProductIsNoValue() {
        let huge = MetricPoint(step: 1000, tokens: 1e305, loss: 2)
        let byN = Run(id: "n", name: "n", metadata: RunMetadata(parameters: 1e9), points: [huge])
        #expect(byN.tokens(at: huge) == 1e305)
        #expect(byN.flops(at: huge) == nil)
        #expect(byN.x(.flops, atPosition: 0) == nil)
        let byToken = Run(id: "t", name: "t", metadata: RunMetadata(flopsPerToken: 1e10), points: [huge])
        #expect(byToken.flops(at: huge) == nil)
        let plain = MetricPoint(step: 1000, loss: 2)
        let perStep = Run(id: "s", name: "s", metadata: RunMetadata(parameters: 1e9, tokensPerStep: 1e306), points: [plain])
        #expect(perStep.tokens(at: plain) == nil && perStep.flops(at: plain) == nil)
        #expect(perStep.x(.tokens, atPosition: 0) == nil)
        // Large but finite products stay values.
        let fine = Run(id: "f", name: "f", metadata: RunMetadata(parameters: 1e9, tokensPerStep: 1e290), points: [plain])
        #expect(fine.tokens(at: plain) == 1000 * 1e290)
        #expect(fine.flops(at: plain) == 6 * 1e9 * (1000 * 1e290))
    }

    /// `x(_:atPosition:)` (and `x(_:atPosition:of:)`, with the points taken once) reads
    /// columns instead of building the point: it must give what
    /// `x(_:at:)` gives for every axis and metadata, on points in the settled columns (floats)
    /// and in the exact window, with logged tokens and compute present on some points only.
    @Test func aPositionsValueIsThePointsValue() {
        let maybe: [Double?] = [nil, 3]
        for perStep in maybe { for perToken in maybe { for n in maybe {
            let metadata = RunMetadata(parameters: n.map { $0 * 1e8 }, tokensPerStep: perStep, flopsPerToken: perToken)
            let points = (0..<100).map(Self.point)
            let run = Run(id: "r", name: "r", metadata: metadata, points: points)
            for quantity in XAxisQuantity.allCases {
                for i in run.points.indices {
                    #expect(run.x(quantity, atPosition: i) == run.x(quantity, at: run.points[i]),
                            "\(quantity) at \(i), \(metadata)")
                    #expect(run.x(quantity, atPosition: i, of: run.points) == run.x(quantity, at: run.points[i]),
                            "\(quantity) at \(i) of the points taken once, \(metadata)")
                }
            }
        }}}
    }

    private static func point(_ i: Int) -> MetricPoint {
        let x = Double(i)
        let tokens: Double? = i % 3 == 0 ? 1e6 * x + 0.1 : nil
        let flops: Double? = i % 5 == 0 ? 6e15 * x + 0.3 : nil
        let wall: Double? = i % 2 == 0 ? 1_764_000_000.5 + x : nil
        return MetricPoint(step: 7 * i + 1, tokens: tokens, flops: flops, loss: 2 + 1 / (x + 1), wallTime: wall)
    }
}
