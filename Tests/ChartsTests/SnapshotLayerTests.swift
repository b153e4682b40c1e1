import DashboardTestSupport
import Foundation
import Testing
import TestSupport
@testable import Charts

/// The snapshot comparison itself: the styles layer catches what the text cannot see, the
/// text layer what the styles cannot, and a failure is reported where the test calls it.
/// These compare with the committed snapshots but never write them (`writing: .none`).
@Suite struct SnapshotLayerTests {
    static let folder = SnapshotFiles.folder(besides: #filePath)

    func panels(theme: Theme = .dark) -> CellGrid {
        DashboardView(study: SyntheticLadderStudy.study, state: DashboardState(), theme: theme, glyphs: .braille,
                      keyHelp: [("q", "quit")]).render(width: 160, height: 45)
    }

    @Test func theCommittedSnapshotMatchesTheDarkTheme() {
        #expect(snapshotMismatch(panels(), named: "panels-160x45", in: Self.folder, writing: .none) == nil)
    }

    @Test func anotherTitleColourFailsTheStylesButNotTheText() throws {
        var theme = Theme.dark
        theme.title = .rgb(0xFF, 0x00, 0x00)
        let mismatch = try #require(snapshotMismatch(panels(theme: theme), named: "panels-160x45", in: Self.folder, writing: .none))
        #expect(mismatch.text == nil, "the same characters: \(mismatch.text ?? "")")
        let styles = try #require(mismatch.styles, "the styles layer must see the theme")
        #expect(styles.contains("expected foreground #eeeeee") && styles.contains("got foreground #ff0000"), "\(styles)")
        #expect(mismatch.recorded.isEmpty)
        #expect(mismatch.description.contains("the styles differ"))
    }

    @Test func oneCellTurnedBoldFailsTheStylesAtItsRowAndColumn() throws {
        var grid = panels()
        var cell = grid[7, 3]
        cell.style.bold.toggle()
        grid[7, 3] = cell
        let mismatch = try #require(snapshotMismatch(grid, named: "panels-160x45", in: Self.folder, writing: .none))
        #expect(mismatch.text == nil)
        let styles = try #require(mismatch.styles)
        #expect(styles.hasPrefix("row 4, 1 cell from column 8: "), "\(styles)")
        #expect(styles.contains("bold"), "\(styles)")
        // The marker line points at the one cell.
        #expect(styles.split(separator: "\n").contains { $0 == "            " + String(repeating: " ", count: 7) + "^" }, "\(styles)")
    }

    @Test func anotherCharacterInTheSameStyleFailsTheTextButNotTheStyles() throws {
        var grid = panels()
        var cell = grid[2, 5]
        cell.scalar = cell.scalar == "Z" ? "Y" : "Z"
        grid[2, 5] = cell
        let mismatch = try #require(snapshotMismatch(grid, named: "panels-160x45", in: Self.folder, writing: .none))
        #expect(mismatch.styles == nil)
        let text = try #require(mismatch.text)
        #expect(text.hasPrefix("  6 - ") && text.contains("\n  6 + "), "\(text)")
    }

    /// A missing snapshot is written and reported; once there it matches; a change fails.
    @Test func aNewSnapshotIsRecordedThenCompared() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("scaletop-snapshots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var grid = CellGrid(width: 6, height: 2)
        grid.put("ab", x: 0, y: 0, style: CellStyle(foreground: .rgb(1, 2, 3), bold: true))
        grid.put("cd", x: 3, y: 1, style: CellStyle(reverse: true))
        let first = try #require(snapshotMismatch(grid, named: "tiny", in: folder, writing: .missing))
        #expect(first.recorded.map { URL(fileURLWithPath: $0).lastPathComponent } == ["tiny.txt", "tiny.styles.txt"])
        let styles = try String(contentsOf: folder.appendingPathComponent("tiny.styles.txt"), encoding: .utf8)
        #expect(styles == """
            aa....|
            ...bb.|
            -- legend: a symbol a cell, in the columns of tiny.txt
            . default
            a foreground #010203 bold
            b reverse

            """)
        #expect(snapshotMismatch(grid, named: "tiny", in: folder, writing: .missing) == nil)
        grid.put("c", x: 3, y: 1, style: CellStyle(dim: true, reverse: true))
        let changed = try #require(snapshotMismatch(grid, named: "tiny", in: folder, writing: .missing))
        #expect(changed.text == nil && changed.styles?.contains("expected reverse, got dim reverse") == true, "\(changed)")
    }

    @Test func aFailingSnapshotIsReportedAtTheCallingTestsLine() {
        var grid = panels()
        grid.put("changed", x: 2, y: 5)
        let line = #line + 2
        withKnownIssue("the snapshot differs on purpose") {
            expectSnapshot(grid, named: "panels-160x45", writing: .none)
        } matching: { issue in
            issue.sourceLocation?.line == line && issue.sourceLocation?.fileName == "SnapshotLayerTests.swift"
                && issue.comments.contains { $0.rawValue.contains("the text differs") }
        }
    }
}
