import Foundation
import Testing
import TestSupport

/// `scaletop forecast --prior-constant name=value` (hidden, for bench/forecast/tune.py):
/// overrides a forecaster constant for one run, through the real binary.
@Suite struct ForecastPriorConstantTests {
    static var binaryExists: Bool { WhatIfCommandTests.binaryExists }

    /// Each run's 80% interval width at half the run, by name, on the OLMo ladder.
    func widths(_ extra: [String]) throws -> [String: Double] {
        let r = try ProcessRunner.runSeparately([WhatIfCommandTests.binary, "forecast", WhatIfCommandTests.ladder, "--truncate", "0.5",
                                                 "--curve-points", "2", "--format", "json"] + extra)
        #expect(r.status == 0, "\(r.output)\(r.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        var out: [String: Double] = [:]
        for run in runs {
            guard let f = run["forecast"] as? [String: Any], let i = f["interval"] as? [Double], let name = run["name"] as? String else { continue }
            out[name] = i[1] - i[0]
        }
        return out
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func overridesWidenAndNarrowTheIntervals() throws {
        let standard = try widths([])
        #expect(standard.count >= 20)
        // A model error ten times any default: every interval at least as wide, most wider.
        let wide = try widths(["--prior-constant", "powerLawDiscrepancy=1", "--prior-constant", "annealingDiscrepancy=3"])
        // No model error at all: none wider.
        let none = try widths(["--prior-constant", "powerLawDiscrepancy=0", "--prior-constant", "annealingDiscrepancy=0"])
        #expect(Set(wide.keys) == Set(standard.keys) && Set(none.keys) == Set(standard.keys))
        var wider = 0
        for (name, w) in standard {
            let big = try #require(wide[name]), small = try #require(none[name])
            #expect(big >= w - 1e-9, "\(name): \(big) < \(w)")
            #expect(small <= w + 1e-9, "\(name): \(small) > \(w)")
            if big > w * 1.05 { wider += 1 }
        }
        #expect(wider > standard.count / 2, "only \(wider) of \(standard.count) intervals widened")
        // The last value given for a name is the one used.
        #expect(try widths(["--prior-constant", "powerLawDiscrepancy=1", "--prior-constant", "annealingDiscrepancy=3",
                            "--prior-constant", "powerLawDiscrepancy=0", "--prior-constant", "annealingDiscrepancy=0"]) == none)
        // annealingDiscrepancy sets both ends of the decay's discrepancy: the same as naming both.
        #expect(try widths(["--prior-constant", "powerLawDiscrepancy=0", "--prior-constant", "annealingDiscrepancyShortCooldown=0",
                            "--prior-constant", "annealingDiscrepancyLongDecay=0"]) == none)
        // The ladder's schedule is cosine (a decay over the whole run): the long-decay constant
        // widens its intervals, the short-cooldown one alone leaves them as they are.
        let long = try widths(["--prior-constant", "annealingDiscrepancyLongDecay=3"])
        let short = try widths(["--prior-constant", "annealingDiscrepancyShortCooldown=3"])
        #expect(long.filter { $0.value > (standard[$0.key] ?? .infinity) * 1.05 }.count > standard.count / 2)
        for (name, w) in short { #expect(abs(w - (standard[name] ?? -1)) < 2e-3 * max(w, 1e-3), "\(name): \(w) vs \(standard[name] ?? -1)") }
        // The cap on the residuals' correlation reaches the forecaster: without inflation
        // (cap 0) some intervals change. (On the ladder at half the run they hardly do: the
        // sixth tuning round found the cap is not what sets their width; the direction is
        // tested on a correlated curve in LearningCurveForecastTests.)
        let uncorrelated = try widths(["--prior-constant", "maximumAutocorrelation=0"])
        #expect(Set(uncorrelated.keys) == Set(standard.keys))
        #expect(uncorrelated.contains { abs($0.value - (standard[$0.key] ?? $0.value)) > 1e-6 })
        // The likelihood's misfit share reaches it too: weighing the cells against the whole
        // residual variance (1, the weighting before the seventh round) changes intervals.
        let misfit = try widths(["--prior-constant", "likelihoodMisfitShare=1"])
        #expect(Set(misfit.keys) == Set(standard.keys))
        #expect(misfit.contains { abs($0.value - (standard[$0.key] ?? $0.value)) > 1e-6 })
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"),
          arguments: [
            (["--prior-constant", "powerLawDiscrepency=0.1"], "unknown constant \"powerLawDiscrepency\" (known: annealingDiscrepancy, annealingDiscrepancyLongDecay, annealingDiscrepancyShortCooldown, annealingDropLogSD, annealingDropMedian, assumedCooldownFraction, likelihoodMisfitShare, maximumAutocorrelation, powerLawDiscrepancy)"),
            (["--prior-constant", "powerLawDiscrepancy"], "expected name=value"),
            (["--prior-constant", "powerLawDiscrepancy=abc"], "powerLawDiscrepancy must be a number ≥ 0"),
            (["--prior-constant", "annealingDiscrepancy=-0.1"], "annealingDiscrepancy must be a number ≥ 0"),
            (["--prior-constant", "annealingDiscrepancy=nan"], "annealingDiscrepancy must be a number ≥ 0"),
            (["--prior-constant", "annealingDropMedian=0"], "annealingDropMedian must be a number > 0"),
            (["--prior-constant", "assumedCooldownFraction=1"], "assumedCooldownFraction must be a number in (0, 1)"),
            (["--prior-constant", "maximumAutocorrelation=1"], "maximumAutocorrelation must be a number in [0, 1)"),
            (["--prior-constant", "likelihoodMisfitShare=1.5"], "likelihoodMisfitShare must be a number in [0, 1]"),
            (["--prior-constant", "powerLawDiscrepancy=inf"], "powerLawDiscrepancy must be a number ≥ 0"),
            (["--prior-constant", "powerLawDiscrepancy=0.1", "--calibrate"], "cannot be combined with --calibrate"),
          ])
    func badOverrideIsAMessageAndStatus1(arguments: [String], message: String) throws {
        let r = try ProcessRunner.runSeparately([WhatIfCommandTests.binary, "forecast", WhatIfCommandTests.ladder, "--truncate", "0.5"] + arguments)
        #expect(r.status == 1, "\(r.output)\(r.errors)")
        #expect(r.errors.contains(message), "\(r.errors)")
        #expect(r.output.isEmpty)
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func hiddenFromHelp() throws {
        let r = try ProcessRunner.runSeparately([WhatIfCommandTests.binary, "forecast", "--help"])
        #expect(r.status == 0)
        #expect(r.output.contains("--truncate"))
        #expect(!r.output.contains("prior-constant"))
    }
}
