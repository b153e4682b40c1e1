/// One thing drawn in the plot area, in drawing order (later layers on top).
public enum FigureLayer: Sendable, Equatable {
    case line(LineSeries)
    case markers(MarkerSet)
    case band(Band)
    case annotation(Annotation)

    /// The legend text, if the layer appears in the legend (annotations never do).
    public var legendLabel: String? {
        switch self {
        case .line(let s): return s.label
        case .markers(let m): return m.label
        case .band(let b): return b.label
        case .annotation: return nil
        }
    }

    /// Every data point the layer draws, for axis extents and legend placement.
    public var dataPoints: [DataPoint] {
        switch self {
        case .line(let s): return s.points
        case .markers(let m): return m.points
        case .band(let b): return b.lower + b.upper
        case .annotation(let a): return [a.at]
        }
    }

    /// The name the CSV and JSON data files use for the layer's kind.
    public var kindName: String {
        switch self {
        case .line: return "line"
        case .markers: return "markers"
        case .band: return "band"
        case .annotation: return "annotation"
        }
    }
}

/// Written as `{"line": {...}}`, `{"markers": {...}}`: one key naming the kind, readable in a
/// spec file and easy to edit by hand.
extension FigureLayer: Codable {
    private enum Key: String, CodingKey { case line, markers, band, annotation }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "a layer is one of {\"line\": …}, {\"markers\": …}, {\"band\": …}, {\"annotation\": …}"))
        }
        switch key {
        case .line: self = .line(try container.decode(LineSeries.self, forKey: key))
        case .markers: self = .markers(try container.decode(MarkerSet.self, forKey: key))
        case .band: self = .band(try container.decode(Band.self, forKey: key))
        case .annotation: self = .annotation(try container.decode(Annotation.self, forKey: key))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .line(let s): try container.encode(s, forKey: .line)
        case .markers(let m): try container.encode(m, forKey: .markers)
        case .band(let b): try container.encode(b, forKey: .band)
        case .annotation(let a): try container.encode(a, forKey: .annotation)
        }
    }
}
