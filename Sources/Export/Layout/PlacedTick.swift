/// A tick at its position along the axis in page points.
public struct PlacedTick: Sendable, Equatable {
    public var value: Double
    public var position: Double
    /// Nil for unlabelled ticks.
    public var label: String?
    /// Major ticks (labelled ones, and every decade of a log axis) are longer and get the
    /// stronger grid line; minor ticks (2…9 × 10^k) get the faint one.
    public var isMajor: Bool
}
