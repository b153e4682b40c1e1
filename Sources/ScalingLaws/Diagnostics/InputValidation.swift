/// Checks shared by every fit: finite, positive input, and enough of it.
enum InputValidation {
    /// Every value finite and > 0, or the first offending index.
    static func requirePositiveFinite(_ values: [Double], quantity: String) throws(FitError) {
        for (i, v) in values.enumerated() {
            guard v.isFinite else { throw .nonFiniteInput(quantity: quantity, index: i) }
            guard v > 0 else { throw .nonPositiveInput(quantity: quantity, index: i, value: v) }
        }
    }

    static func requireCount(_ count: Int, atLeast need: Int, model: String) throws(FitError) {
        guard count >= need else { throw .tooFewPoints(model: model, have: count, need: need) }
    }

    /// Number of distinct values up to a relative tolerance (sizes read from CSVs jitter).
    static func distinctCount(_ values: [Double], relativeTolerance: Double = 1e-9) -> Int {
        let sorted = values.sorted()
        guard var last = sorted.first else { return 0 }
        var count = 1
        for v in sorted.dropFirst() where v - last > relativeTolerance * abs(last) {
            count += 1
            last = v
        }
        return count
    }
}
