import Foundation
import RunIngest
import StudyAnalysis
import Testing
@testable import Charts

/// The table's order, worked out on precomputed keys, against comparing the summaries
/// themselves (the rule as the table states it: group, then the key with unknown values
/// last, the direction flipping the key, then the run's id).
@Suite struct RunOrderingTests {
    static func summaries(_ count: Int) -> [RunSummary] {
        // A fixed pseudo-random pattern of unknown values (a failure can be replayed).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let statuses: [RunStatus] = [.live, .finished, .stale, .waiting]
        return (0..<count).map { i in
            func maybe(_ v: Double) -> Double? {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return (state >> 33) % 5 == 0 ? nil : v
            }
            return RunSummary(id: String(format: "run-%03d", (i * 37) % count), name: ["b", "a", "c"][i % 3] + "\(i % 7)",
                              parameters: maybe([1e7, 3e7, 1e8][i % 3]), tokens: maybe(Double(i % 11) * 1e9),
                              plannedTokens: maybe(2e10), flops: maybe(Double(i % 13 + 1) * 1e17),
                              lastLoss: maybe(2 + Double(i % 5) / 10), status: statuses[i % statuses.count])
        }
    }

    static func reference(_ a: RunSummary, _ b: RunSummary, _ state: DashboardState) -> Bool {
        func order<T: Comparable>(_ x: T?, _ y: T?) -> Int {
            switch (x, y) {
            case let (x?, y?): return x < y ? -1 : (x > y ? 1 : 0)
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            }
        }
        let ga = RunOrdering.groupOrder(of: a, by: state.grouping), gb = RunOrdering.groupOrder(of: b, by: state.grouping)
        if ga != gb { return ga < gb }
        let c: Int
        switch state.sortKey {
        case .name: c = order(a.name, b.name)
        case .size: c = order(a.parameters, b.parameters) != 0 ? order(a.parameters, b.parameters) : order(a.tokens, b.tokens)
        case .tokens: c = order(a.tokens, b.tokens)
        case .loss: c = order(a.lastLoss, b.lastLoss)
        case .status: c = order(a.status.rawValue, b.status.rawValue)
        }
        if c != 0 { return state.sortDescending ? c > 0 : c < 0 }
        return a.id < b.id
    }

    @Test(arguments: [RunSortKey.name, .size, .tokens, .loss, .status])
    func keysOrderAsTheSummariesDo(key: RunSortKey) {
        let summaries = Self.summaries(120)
        for grouping in [RunGrouping.none, .size, .budget] {
            for descending in [false, true] {
                var state = DashboardState()
                state.sortKey = key
                state.sortDescending = descending
                state.grouping = grouping
                let rows = Array(summaries.indices.filter { $0 % 4 != 1 })
                let got = RunOrdering.order(rows, summaries: summaries, state: state).map { summaries[$0].id }
                let expected = rows.map { summaries[$0] }.sorted { Self.reference($0, $1, state) }.map(\.id)
                #expect(got == expected, "\(key) \(grouping) descending \(descending)")
            }
        }
    }

    /// The last order is kept only when it is the order: given any earlier list (the
    /// fresh order, the same with two rows swapped, reversed, with a row missing or
    /// added, with a place twice) the result is what sorting from scratch gives.
    @Test(arguments: [RunSortKey.name, .size, .loss])
    func aPreviousOrderIsKeptOnlyWhenItIsTheOrder(key: RunSortKey) {
        var summaries = Self.summaries(120)
        var state = DashboardState()
        state.sortKey = key
        let rows = Array(summaries.indices.filter { $0 % 4 != 1 })
        let fresh = RunOrdering.order(rows, summaries: summaries, state: state)
        var swapped = fresh
        swapped.swapAt(10, 40)
        var twice = fresh
        twice[5] = twice[6]
        let candidates: [[Int]] = [fresh, swapped, fresh.reversed(), Array(fresh.dropLast()), fresh + [1], twice, []]
        for previous in candidates {
            #expect(RunOrdering.order(rows, summaries: summaries, state: state, previous: previous) == fresh)
        }
        // A run's loss and name change as lines arrive: the kept order is checked against them.
        summaries[fresh[0]].lastLoss = 9
        summaries[fresh[0]].name = "zz"
        summaries[fresh[0]].parameters = 1e12
        let moved = RunOrdering.order(rows, summaries: summaries, state: state)
        #expect(moved != fresh, "the change moves the first row")
        #expect(RunOrdering.order(rows, summaries: summaries, state: state, previous: fresh) == moved)
    }

    /// A few rows changed since the last order (a run's tokens grew, its loss fell): the
    /// last order put back in order is what sorting from scratch gives, for one to forty
    /// changed rows, every key and both directions.
    @Test(arguments: [RunSortKey.size, .tokens, .loss, .name])
    func aPreviousOrderWithRowsMovedIsRepairedToTheOrder(key: RunSortKey) {
        var random: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        for descending in [false, true] {
            for changed in [1, 2, 3, 8, 40] {
                var summaries = Self.summaries(300)
                var state = DashboardState()
                state.sortKey = key
                state.sortDescending = descending
                state.grouping = changed == 3 ? .size : .none
                let rows = Array(summaries.indices)
                let before = RunOrdering.order(rows, summaries: summaries, state: state)
                for _ in 0..<changed {
                    let i = next(summaries.count)
                    summaries[i].tokens = (summaries[i].tokens ?? 0) + Double(next(3)) * 1e9
                    summaries[i].lastLoss = next(4) == 0 ? nil : 2 + Double(next(50)) / 100
                    summaries[i].name = "n\(next(9))"
                }
                let expected = rows.map { summaries[$0] }.sorted { Self.reference($0, $1, state) }.map(\.id)
                let got = RunOrdering.order(rows, summaries: summaries, state: state, previous: before)
                #expect(got.map { summaries[$0].id } == expected, "\(key), \(changed) changed, descending \(descending)")
            }
        }
    }

    /// `repaired` on plain numbers: a sorted list with one to three values moved comes back
    /// sorted; with many moved it is sorted or nil (sort afresh), never a wrong order.
    @Test func repairedPutsMovedValuesBackOrGivesUp() {
        var random: UInt64 = 42
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        for trial in 0..<400 {
            var list = Array(0..<200)
            let moves = trial < 300 ? 1 + trial % 3 : 10 + trial % 60
            for _ in 0..<moves { list.insert(list.remove(at: next(list.count)), at: next(list.count)) }
            let got = RunOrdering.repaired(list, before: <)
            if moves <= 3 { #expect(got == Array(0..<200), "\(moves) moved, trial \(trial)") }
            if let got { #expect(got == Array(0..<200), "\(moves) moved, trial \(trial)") }
        }
        #expect(RunOrdering.repaired([2, 1, 0], before: <) == [0, 1, 2])
        #expect(RunOrdering.repaired(Array((0..<100).reversed()), before: <) == nil, "too many out of place")
    }
}
