import Foundation
import ScalingLaws

/// `scaletop forecast --prior-constant name=value` (hidden): evaluates candidate values of
/// the forecaster's scalar constants without a rebuild, for bench/forecast/tune.py. The
/// defaults stay in `ForecastPrior`; this only overrides named fields for one invocation.
enum PriorConstantOverrides {
    /// A constant that can be overridden: its field and the values that make sense for it.
    struct Constant {
        /// The fields one name sets (`annealingDiscrepancy` sets both ends of the decay's).
        let keyPaths: [WritableKeyPath<ForecastPrior, Double>]
        let accepts: (Double) -> Bool
        let range: String

        init(keyPath: WritableKeyPath<ForecastPrior, Double>, accepts: @escaping (Double) -> Bool, range: String) {
            self.init(keyPaths: [keyPath], accepts: accepts, range: range)
        }

        init(keyPaths: [WritableKeyPath<ForecastPrior, Double>], accepts: @escaping (Double) -> Bool, range: String) {
            self.keyPaths = keyPaths
            self.accepts = accepts
            self.range = range
        }
    }

    static var constants: [String: Constant] {[
        "annealingDropMedian": Constant(keyPath: \.annealingDropMedian, accepts: { $0 > 0 }, range: "> 0"),
        "annealingDropLogSD": Constant(keyPath: \.annealingDropLogSD, accepts: { $0 >= 0 }, range: "≥ 0"),
        "powerLawDiscrepancy": Constant(keyPath: \.powerLawDiscrepancy, accepts: { $0 >= 0 }, range: "≥ 0"),
        // One value for every decay length (both ends of the interpolation).
        "annealingDiscrepancy": Constant(keyPaths: [\.annealingDiscrepancyShortCooldown, \.annealingDiscrepancyLongDecay],
                                         accepts: { $0 >= 0 }, range: "≥ 0"),
        "annealingDiscrepancyShortCooldown": Constant(keyPath: \.annealingDiscrepancyShortCooldown, accepts: { $0 >= 0 }, range: "≥ 0"),
        "annealingDiscrepancyLongDecay": Constant(keyPath: \.annealingDiscrepancyLongDecay, accepts: { $0 >= 0 }, range: "≥ 0"),
        "maximumAutocorrelation": Constant(keyPath: \.maximumAutocorrelation, accepts: { $0 >= 0 && $0 < 1 }, range: "in [0, 1)"),
        "likelihoodMisfitShare": Constant(keyPath: \.likelihoodMisfitShare, accepts: { $0 >= 0 && $0 <= 1 }, range: "in [0, 1]"),
        "assumedCooldownFraction": Constant(keyPath: \.assumedCooldownFraction, accepts: { $0 > 0 && $0 < 1 }, range: "in (0, 1)"),
    ]}

    /// `base` with every `name=value` applied in order (a later one for the same name wins);
    /// a message naming the known constants for an unknown name, or the valid range for a
    /// value that is not a finite number in it.
    static func apply(_ assignments: [String], to base: ForecastPrior = .standard) throws -> ForecastPrior {
        var prior = base
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw CommandFailure("--prior-constant \(assignment): expected name=value, e.g. powerLawDiscrepancy=0.05")
            }
            let name = String(parts[0]).trimmingCharacters(in: .whitespaces)
            let text = String(parts[1]).trimmingCharacters(in: .whitespaces)
            guard let constant = constants[name] else {
                throw CommandFailure("--prior-constant \(assignment): unknown constant \"\(name)\" (known: \(constants.keys.sorted().joined(separator: ", ")))")
            }
            guard let value = Double(text), value.isFinite, constant.accepts(value) else {
                throw CommandFailure("--prior-constant \(assignment): \(name) must be a number \(constant.range)")
            }
            for keyPath in constant.keyPaths { prior[keyPath: keyPath] = value }
        }
        return prior
    }
}
