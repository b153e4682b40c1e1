import Testing
@testable import RunIngest

/// The step column stores a regular start as two numbers and the rest as offsets; whatever
/// is appended, truncated or reserved, it reads back what a plain array of the steps holds.
@Suite struct StepColumnTests {
    @Test(arguments: ["regular", "regular then irregular", "zero stride", "falling", "huge offsets", "extremes",
                      "one step", "truncated into the start", "truncated after the start", "truncated to one"])
    func readsBackWhatAPlainArrayHolds(shape: String) {
        var state: UInt64 = 3
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        var column = StepColumn(), plain: [Int] = []
        func append(_ step: Int) {
            column.append(step)
            plain.append(step)
        }
        func check(_ what: String) {
            #expect(column.count == plain.count, "\(shape), \(what): count")
            #expect((0..<plain.count).map { column[$0] } == plain, "\(shape), \(what)")
        }
        column.reserveCapacity(500)
        switch shape {
        case "regular": for i in 0..<400 { append(100 + 10 * i) }
        case "regular then irregular":
            for i in 0..<300 { append(5 * i) }
            for _ in 0..<100 { append(plain.last! + 1 + random(9)) }
            for i in 0..<50 { append(plain.last! + 5 + i % 2) }
        case "zero stride": for _ in 0..<50 { append(7) }; append(8)
        case "falling": for i in 0..<60 { append(1_000 - 3 * i) }; append(2_000)
        case "huge offsets":
            for i in 0..<40 { append(i) }
            append(Int(Int32.max) + 10)
            for i in 0..<40 { append(Int(Int32.max) + 11 + i) }
        case "extremes":
            append(Int.min); append(Int.max); append(0); append(Int.max - 1); append(Int.min + 5)
        case "one step": append(42)
        case "truncated into the start", "truncated after the start", "truncated to one":
            for i in 0..<200 { append(2 * i) }
            for _ in 0..<50 { append(plain.last! + 1 + random(4)) }
            let keep = shape == "truncated into the start" ? 120 : shape == "truncated to one" ? 1 : 230
            column.truncate(to: keep)
            plain.removeLast(plain.count - keep)
            check("truncated")
            // Continued after the rewind: regularly, then not.
            for _ in 0..<30 { append(plain.last! + 3) }
            append(plain.last! + 1)
            column.truncate(to: 0)
            plain.removeAll()
            check("emptied")
            for i in 0..<20 { append(9 * i) }
            append(5)
        default: Issue.record("unknown shape \(shape)")
        }
        check("built")
    }

    @Test func aRegularLogStoresNoStepsAndAnIrregularOneFourBytesEach() {
        var regular = MetricPoints()
        regular.reserveCapacity(10_000)
        for s in 0..<10_000 { regular.append(MetricPoint(step: 10 * s, loss: 3)) }
        var irregular = MetricPoints()
        irregular.reserveCapacity(10_000)
        var step = 0
        for s in 0..<10_000 {
            step += 1 + s % 3
            irregular.append(MetricPoint(step: step, loss: 3))
        }
        let lossBytes = 4 * 10_000, exactBytes = MetricPoints.exactCount * MemoryLayout<MetricPoint>.stride
        #expect(regular.storageBytes <= Int(Double(lossBytes) * 1.03) + exactBytes + 512, "\(regular.storageBytes) bytes")
        #expect(irregular.storageBytes >= 2 * lossBytes, "\(irregular.storageBytes) bytes")
        #expect(regular.map(\.step) == (0..<10_000).map { 10 * $0 })
    }
}
