import Charts
import Foundation
import Testing
import TestSupport

/// Snapshots of cell grids: their text and their styles (`__Snapshots__/<name>.txt` and
/// `<name>.styles.txt`, see TestSupport's `expectSnapshot`), so that a colour, theme or
/// attribute regression fails a test as surely as a moved character.
public func expectSnapshot(_ grid: CellGrid, named name: String, writing: SnapshotWriting = .fromEnvironment,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    expectSnapshot(grid.lines, styles: grid.styleDescriptions, named: name, writing: writing, sourceLocation: sourceLocation)
}

/// The same comparison returned rather than recorded as an issue, for tests of the comparison itself.
public func snapshotMismatch(_ grid: CellGrid, named name: String, in folder: URL, writing: SnapshotWriting) -> SnapshotMismatch? {
    snapshotMismatch(grid.lines, styles: grid.styleDescriptions, named: name, in: folder, writing: writing)
}

extension CellGrid {
    /// Each row's cell styles in words, in the columns of `lines` (continuation cells are
    /// left out there, so here too).
    public var styleDescriptions: [[String]] {
        var known: [CellStyle: String] = [:]
        return (0..<height).map { y in
            (0..<width).compactMap { x -> String? in
                let cell = self[x, y]
                guard cell.scalar != Cell.continuation else { return nil }
                if let description = known[cell.style] { return description }
                let description = cell.style.snapshotDescription
                known[cell.style] = description
                return description
            }
        }
    }
}

extension CellStyle {
    /// What differs from the terminal's default, in words: "foreground #eeeeee bold",
    /// "" for the default itself. Read by reflection, so that an attribute added to
    /// `CellStyle` one day shows up in the snapshots without a change here.
    public var snapshotDescription: String {
        let plain = Dictionary(Mirror(reflecting: CellStyle.plain).children.map { ($0.label ?? "", "\($0.value)") },
                               uniquingKeysWith: { a, _ in a })
        return Mirror(reflecting: self).children.compactMap { child -> String? in
            let label = child.label ?? "?"
            guard "\(child.value)" != plain[label] else { return nil }
            switch child.value {
            case let flag as Bool: return flag ? label : "not \(label)"
            case let color as Color: return "\(label) \(color.snapshotDescription)"
            default: return "\(label) \(child.value)"
            }
        }.joined(separator: " ")
    }
}

extension Color {
    var snapshotDescription: String {
        switch self {
        case .terminalDefault: "default"
        case let .rgb(r, g, b): "#" + [r, g, b].map { String(format: "%02x", $0) }.joined()
        }
    }
}
