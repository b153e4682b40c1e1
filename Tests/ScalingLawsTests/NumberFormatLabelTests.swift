import Testing
@testable import ScalingLaws

@Suite struct NumberFormatTests {
    @Test(arguments: [(1e17, "1e17"), (2.5e18, "2.5e18"), (190_354_176, "190M"), (3_169_537_280, "3.17B"),
                      (1e12, "1T"), (1000, "1k"), (2.664, "2.66"), (0.0005, "5e-4"), (0, "0"), (-1500, "-1.5k"),
                      (999_999, "1M")])
    func shortLabels(value: Double, expected: String) {
        #expect(NumberFormat.short(value) == expected)
    }

    @Test func groupsThousands() {
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(12) == "12")
    }
}
