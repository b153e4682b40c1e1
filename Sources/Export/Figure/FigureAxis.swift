import Charts

/// One axis of a figure: what it measures, in which unit, on which scale and over which range.
public struct FigureAxis: Sendable, Equatable, Codable {
    public enum ScaleKind: String, Sendable, Codable {
        case linear
        case log10

        var chartsKind: Scale.Kind { self == .linear ? .linear : .log10 }
    }

    /// What is measured, in the field's words ("compute", "loss").
    public var label: String
    /// The unit shown in parentheses after the label ("FLOPs", "nats/token"); empty for none.
    public var unit: String
    public var scale: ScaleKind
    /// Shown exactly when given; nil rounds the data's extent out to ticks (decades on a log
    /// axis), as the terminal chart does.
    public var domain: ClosedRange<Double>?

    public init(label: String, unit: String = "", scale: ScaleKind, domain: ClosedRange<Double>? = nil) {
        self.label = label
        self.unit = unit
        self.scale = scale
        self.domain = domain
    }

    /// "compute (FLOPs)".
    public var title: String { unit.isEmpty ? label : "\(label) (\(unit))" }
}
