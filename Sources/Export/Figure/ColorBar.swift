import Glibc

/// A colour scale beside the plot, saying what series colours mean when they encode a number:
/// the compute budget of IsoFLOP profiles, the model size of loss curves. As matplotlib's
/// colorbar: a gradient with its own labelled axis and title, here with a tick across the bar
/// at each value actually present (nine budgets read as nine ticks, not a continuum).
public struct ColorBar: Sendable, Equatable, Codable {
    /// What the colours measure, on which scale; its domain is the values at the gradient's
    /// two ends (drawn exactly, never padded).
    public var axis: FigureAxis
    /// Stops spaced evenly along the scale from the domain's lower end to its upper one.
    public var colors: [FigureColor]
    /// Values marked across the bar.
    public var marks: [Double]

    public init(axis: FigureAxis, colors: [FigureColor], marks: [Double] = []) {
        self.axis = axis
        self.colors = colors
        self.marks = marks
    }

    /// The values at the gradient's ends (1...10 or 0...1 when the axis gives none).
    public var domain: ClosedRange<Double> { axis.domain ?? (axis.scale == .log10 ? 1...10 : 0...1) }

    /// Where `value` falls along the bar, 0 at the lower end and 1 at the upper (clamped);
    /// nil for a value the scale cannot show.
    public func fraction(_ value: Double) -> Double? {
        func t(_ v: Double) -> Double? { axis.scale == .log10 ? (v > 0 ? log10(v) : nil) : v }
        guard value.isFinite, let v = t(value), let lo = t(domain.lowerBound), let hi = t(domain.upperBound) else { return nil }
        guard hi > lo else { return 0.5 }
        return min(1, max(0, (v - lo) / (hi - lo)))
    }

    /// The bar's colour at `fraction` along it.
    public func color(atFraction fraction: Double) -> FigureColor {
        FigureColor.gradient(colors, fraction)
    }
}
