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
    /// The range to show; nil for the data's extent. Either way the axis is padded so that no
    /// marker is cut by the frame and no line runs along it, and grows to take in every
    /// marker (lines may leave a given range: loss curves cut above their warm-up).
    public var domain: ClosedRange<Double>?
    /// Show `domain` exactly, without padding: for a hand-written spec whose axes must match
    /// another figure's.
    public var exact: Bool

    public init(label: String, unit: String = "", scale: ScaleKind, domain: ClosedRange<Double>? = nil, exact: Bool = false) {
        self.label = label
        self.unit = unit
        self.scale = scale
        self.domain = domain
        self.exact = exact
    }

    /// "compute (FLOPs)".
    public var title: String { unit.isEmpty ? label : "\(label) (\(unit))" }

    private enum CodingKeys: String, CodingKey { case label, unit, scale, domain, exact }

    /// Specs written before `exact` existed, and hand-written ones, may leave it (and the unit) out.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decode(String.self, forKey: .label), unit: try c.decodeIfPresent(String.self, forKey: .unit) ?? "",
                  scale: try c.decode(ScaleKind.self, forKey: .scale),
                  domain: try c.decodeIfPresent(ClosedRange<Double>.self, forKey: .domain),
                  exact: try c.decodeIfPresent(Bool.self, forKey: .exact) ?? false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(unit, forKey: .unit)
        try c.encode(scale, forKey: .scale)
        try c.encodeIfPresent(domain, forKey: .domain)
        if exact { try c.encode(exact, forKey: .exact) }
    }
}
