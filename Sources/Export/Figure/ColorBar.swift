import Glibc

/// A colour scale beside the plot, saying what series colours mean when they encode a number:
/// the compute budget of IsoFLOP profiles, the model size of loss curves. As matplotlib's
/// colorbar: a gradient with its own labelled axis and title, here with a tick across the bar
/// at each value actually present (nine budgets read as nine ticks, not a continuum).
public struct ColorBar: Sendable, Equatable, Codable {
    public var label: String
    public var unit: String
    public var scale: FigureAxis.ScaleKind
    /// The values at the gradient's two ends.
    public var domain: ClosedRange<Double>
    /// Stops spaced evenly along the scale from the domain's lower end to its upper one.
    public var colors: [FigureColor]
    /// Values marked across the bar.
    public var marks: [Double]

    public init(label: String, unit: String = "", scale: FigureAxis.ScaleKind, domain: ClosedRange<Double>,
                colors: [FigureColor], marks: [Double] = []) {
        self.label = label
        self.unit = unit
        self.scale = scale
        self.domain = domain
        self.colors = colors
        self.marks = marks
    }

    /// "compute budget C (FLOPs)".
    public var title: String { unit.isEmpty ? label : "\(label) (\(unit))" }

    /// Where `value` falls along the bar, 0 at the lower end and 1 at the upper (clamped);
    /// nil for a value the scale cannot show.
    public func fraction(_ value: Double) -> Double? {
        func t(_ v: Double) -> Double? { scale == .log10 ? (v > 0 ? log10(v) : nil) : v }
        guard value.isFinite, let v = t(value), let lo = t(domain.lowerBound), let hi = t(domain.upperBound) else { return nil }
        guard hi > lo else { return 0.5 }
        return min(1, max(0, (v - lo) / (hi - lo)))
    }

    /// The bar's colour at `fraction` along it.
    public func color(atFraction fraction: Double) -> FigureColor {
        FigureColor.gradient(colors, fraction)
    }
}
