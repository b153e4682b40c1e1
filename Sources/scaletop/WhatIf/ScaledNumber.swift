import Foundation
import ArgumentParser

/// A number on the command line that may end in K, M, B (or G) or T: `--vocab 32K`,
/// `--batch 4M`. Plain and scientific forms (`4194304`, `4.2e6`) work too.
struct ScaledNumber: ExpressibleByArgument, Sendable {
    var value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: [" "])
        if let v = Double(text) { value = v; return }
        let scales: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12]
        guard let last = text.last, let scale = scales[last], let v = Double(text.dropLast()) else { return nil }
        value = v * scale
    }

    var defaultValueDescription: String { FitReport.text(value, 4) }
}
