/// The legend's box and rows. When the rows do not fit the plot's height, the last row
/// says how many were left out instead of overflowing the page.
public struct PlacedLegend: Sendable, Equatable {
    public var frame: VectorRect
    /// Inside legends get a translucent background and a border; outside ones need neither.
    public var isInside: Bool
    public var entries: [FigureLegendEntry]
    public var omittedCount: Int
    public var padding: Double
    public var rowHeight: Double
    public var swatchWidth: Double
    /// Where each entry starts (its swatch's left end, at its vertical centre), then where the
    /// "… and N more" row goes when entries were left out. One column beside or inside the
    /// plot; below it, entries flow left to right in rows.
    public var origins: [VectorPoint]

    public func entryOrigin(_ i: Int) -> VectorPoint { origins[min(i, origins.count - 1)] }

    /// One column of `rows` rows from the frame's top left.
    static func stacked(in frame: VectorRect, rows: Int, padding: Double, rowHeight: Double) -> [VectorPoint] {
        (0..<rows).map { VectorPoint(frame.x + padding, frame.y + padding + rowHeight * (Double($0) + 0.5)) }
    }
}
