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
}
