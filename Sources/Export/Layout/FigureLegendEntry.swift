/// One legend row. Layers sharing a label share a row, so a run's curve and its markers
/// (or a fit and its band) show as one swatch.
public struct FigureLegendEntry: Sendable, Equatable {
    public var label: String
    public var line: LineSeries?
    public var markers: MarkerSet?
    public var band: Band?
    /// A line of text with no swatch (an annotation that found no free place in the plot),
    /// set from the swatch's left edge, with the annotations' sub- and superscripts.
    public var isNote = false

    /// The rows for `layers`, in first-appearance order.
    static func entries(for layers: [FigureLayer]) -> [FigureLegendEntry] {
        var entries: [FigureLegendEntry] = []
        var index: [String: Int] = [:]
        for layer in layers {
            guard let label = layer.legendLabel, !label.isEmpty else { continue }
            let i = index[label] ?? {
                entries.append(FigureLegendEntry(label: label))
                index[label] = entries.count - 1
                return entries.count - 1
            }()
            switch layer {
            case .line(let s): if entries[i].line == nil { entries[i].line = s }
            case .markers(let m): if entries[i].markers == nil { entries[i].markers = m }
            case .band(let b): if entries[i].band == nil { entries[i].band = b }
            case .annotation: break
            }
        }
        return entries
    }

    /// The width the row's label takes beyond the swatch (a note starts at the swatch's left).
    func labelWidth(size: Double, swatchAndGap: Double, measurer: TextMeasurer) -> Double {
        isNote ? max(0, TextMarkup.width(label, size: size, measurer: measurer) - swatchAndGap)
            : measurer.width(of: label, size: size, bold: false)
    }
}
