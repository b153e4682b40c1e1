/// Why a what-if question cannot be answered: the input that was wrong and what to do.
public struct WhatIfError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// A quantity that must be positive and finite is not.
    static func notPositive(_ quantity: String, _ value: Double) -> WhatIfError {
        WhatIfError("\(quantity) is \(NumberFormat.general(value)); it must be a positive, finite number")
    }

    static func requirePositiveFinite(_ value: Double, _ quantity: String) throws(WhatIfError) {
        guard value.isFinite, value > 0 else { throw notPositive(quantity, value) }
    }
}
