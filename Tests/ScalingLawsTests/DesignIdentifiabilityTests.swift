import Testing
@testable import ScalingLaws

/// methods.md §9.6 and issue #13: designs that cannot separate N from D are told apart from
/// ones that can, before any allocation is reported.
@Suite struct DesignIdentifiabilityTests {
    let law = ParametricLaw.chinchillaRounded

    func points(_ pairs: [(n: Double, d: Double)]) -> [LossObservation] {
        pairs.map { LossObservation(parameters: $0.n, tokens: $0.d, loss: law.loss(parameters: $0.n, tokens: $0.d)) }
    }

    @Test func aLadderOfSizesAndLengthsIsIdentified() {
        let ladder = [1e8, 3e8, 1e9, 3e9].flatMap { n in [5.0, 20, 80].map { (n: n, d: $0 * n) } }
        let d = DesignIdentifiability.check(points(ladder))
        #expect(d.isIdentified && d.summary == nil)
    }

    @Test func tokensProportionalToSizeAreCollinear() {
        let collinear = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9].map { (n: $0, d: 20 * $0) }
        let d = DesignIdentifiability.check(points(collinear))
        #expect(!d.isIdentified)
        guard case let .collinear(ratio, exponent, spread)? = d.problems.first(where: { if case .collinear = $0 { return true }; return false }) else {
            Issue.record("\(d.problems)"); return
        }
        #expect(abs(ratio - 20) < 1e-9 && abs(exponent - 1) < 1e-9 && abs(spread - 1) < 1e-9)
        #expect(d.summary?.contains("D ≈ 20·N") == true)
        // A little jitter in D/N does not make it identifiable.
        let jittered = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9].enumerated().map { (n: $1, d: (18 + 4 * Double($0 % 2)) * $1) }
        #expect(!DesignIdentifiability.check(points(jittered)).isIdentified)
    }

    /// Issue #13: the reason said "within ×1" for D = 20·N exactly; the spread is now told
    /// with a precision that means something.
    @Test func theCollinearReasonStatesHowCloseTheRelationHolds() {
        let exact = DesignIdentifiability.check(points([1e7, 3e7, 1e8, 3e8, 1e9, 3e9].map { (n: $0, d: 20 * $0) }))
        #expect(exact.summary?.contains("D ≈ 20·N, exactly at every size") == true, "\(exact.summary ?? "")")
        #expect(exact.summary?.contains("×1)") == false && exact.summary?.contains("×1 ") == false)
        typealias P = DesignIdentifiability.Problem
        #expect(P.spreadText(1) == "exactly")
        #expect(P.spreadText(1.032) == "within 3.2%")
        #expect(P.spreadText(1.0004) == "within 0.04%")
        #expect(P.spreadText(1.6) == "within ×1.6")
        #expect(P.collinear(tokensPerParameter: 20, exponent: 1, spread: 1.05).description.contains("D ≈ 20·N, within 5% at every size"))
    }

    @Test func twoSizesOrTwoLengthsAreTooFew() {
        let two = [1e8, 4e8].flatMap { n in [5.0, 10, 20, 40, 80].map { (n: n, d: $0 * n) } }
        #expect(DesignIdentifiability.check(points(two)).problems.contains(.tooFewSizes(have: 2)))
        let lengths = [1e8, 2e8, 4e8, 8e8].flatMap { n in [1e9, 1e10].map { (n: n, d: $0) } }
        #expect(DesignIdentifiability.check(points(lengths)).problems.contains(.tooFewTokenCounts(have: 2)))
    }

    @Test func aFlatLossHasNothingToFit() {
        let flat = [1e7, 1e8, 1e9].flatMap { n in [5.0, 20, 80].map { LossObservation(parameters: n, tokens: $0 * n, loss: 3) } }
        let d = DesignIdentifiability.check(flat)
        #expect(d.problems == [.flatLoss(relativeRange: 0)])
        #expect(DesignIdentifiability.checkIsoFLOP(usedBudgets: 5, losses: flat.map(\.loss)).problems == [.flatLoss(relativeRange: 0)])
        #expect(DesignIdentifiability.checkFrontier(losses: [3, 3.001, 3.002]).problems.count == 1)
    }

    @Test func isoFLOPNeedsThreeBudgetsAndTheEnvelopeThreeSizes() {
        #expect(DesignIdentifiability.checkIsoFLOP(usedBudgets: 2, losses: [3, 3.5]).problems == [.tooFewBudgets(have: 2)])
        #expect(DesignIdentifiability.checkIsoFLOP(usedBudgets: 3, losses: [3, 3.5]).isIdentified)
        #expect(DesignIdentifiability.checkEnvelope(sizes: [1e8, 1e8, 2e8], losses: [3, 3.5]).problems == [.tooFewSizes(have: 2)])
    }

    /// Issue #13: Approach 3 on collinear data fits, and reports a condition number that
    /// used to come with "trust derived quantities"; the design check refuses the split.
    @Test func approachThreeOnCollinearDataIsMarkedUnidentified() throws {
        let collinear = points([1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9].map { (n: $0, d: 20 * $0) })
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        let fit = try ParametricLawFit.fit(collinear, settings: settings)
        let design = DesignIdentifiability.check(collinear).adding(fit.diagnostics)
        #expect(!design.isIdentified)
    }
}
