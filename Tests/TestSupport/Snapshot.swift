import Foundation
import Testing

/// Compares a rendered screen with the snapshots stored beside the test file, in
/// `__Snapshots__/`: its text in `<name>.txt` (a line a row, trailing blanks marked with `|`)
/// and, where the caller gives them, its styles in `<name>.styles.txt` (see
/// `StyleSnapshot`). Snapshots are re-recorded only on purpose: run the tests with
/// `SCALETOP_RECORD_SNAPSHOTS=1`, look at the diff, commit it.
///
/// A mismatch is recorded as an issue at the calling test's line (`sourceLocation`), so a
/// failure points at the snapshot that failed, not at a helper.
public func expectSnapshot(_ lines: [String], styles: [[String]]? = nil, named name: String,
                           writing: SnapshotWriting = .fromEnvironment, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = SnapshotFiles.folder(besides: sourceLocation.filePath)
    if let mismatch = snapshotMismatch(lines, styles: styles, named: name, in: folder, writing: writing) {
        Issue.record(Comment(rawValue: mismatch.description), sourceLocation: sourceLocation)
    }
}

/// Which snapshot files a comparison may write.
public enum SnapshotWriting: Sendable {
    /// Compare only: for tests of the comparison itself, which must never record.
    case none
    /// Record a layer whose file does not exist yet (and fail, so it is looked at).
    case missing
    /// Record every layer (and fail, so that recording is never left on by accident).
    case all

    /// `.all` under `SCALETOP_RECORD_SNAPSHOTS=1`, else `.missing`.
    public static var fromEnvironment: SnapshotWriting {
        ProcessInfo.processInfo.environment["SCALETOP_RECORD_SNAPSHOTS"] == "1" ? .all : .missing
    }
}

/// Where snapshots live.
public enum SnapshotFiles {
    /// `__Snapshots__` beside a test file (pass `#filePath`).
    public static func folder(besides testFile: String) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    }
}

/// How a screen differs from its snapshots: each layer's difference, nil where it matches.
public struct SnapshotMismatch: CustomStringConvertible, Sendable {
    public var name: String
    /// The differing rows of text, or why the text could not be compared.
    public var text: String?
    /// The differing rows of styles, or why the styles could not be compared.
    public var styles: String?
    /// Files written by this comparison (recording, or a snapshot seen for the first time).
    public var recorded: [String] = []

    public var description: String {
        var parts: [String] = []
        if !recorded.isEmpty {
            parts.append("recorded \(recorded.joined(separator: " and ")); check and commit, then run the tests again without SCALETOP_RECORD_SNAPSHOTS")
        }
        if let text { parts.append("snapshot \(name): the text differs:\n" + text) }
        if let styles { parts.append("snapshot \(name): the styles differ:\n" + styles) }
        if text != nil || styles != nil {
            parts.append("(re-record with SCALETOP_RECORD_SNAPSHOTS=1 if the change is intended)")
        }
        return parts.joined(separator: "\n")
    }
}

/// Compares `lines` (and `styles`, a style description per cell in the columns of `lines`,
/// "" for the terminal's default) with the snapshot `name` in `folder`. Nil when every
/// layer given matches. A file written (as `writing` allows) is reported as a mismatch.
public func snapshotMismatch(_ lines: [String], styles: [[String]]? = nil, named name: String, in folder: URL,
                             writing: SnapshotWriting) -> SnapshotMismatch? {
    var mismatch = SnapshotMismatch(name: name)
    // Trailing blanks are kept, but marked, so a diff shows them.
    let text = lines.map { $0 + "|" }.joined(separator: "\n") + "\n"
    let textURL = folder.appendingPathComponent(name + ".txt")
    switch SnapshotLayerFile.compare(text, with: textURL, writing: writing) {
    case .matches: break
    case .recorded: mismatch.recorded.append(textURL.path)
    case .unreadable(let reason): mismatch.text = reason
    case .differs(let stored): mismatch.text = lineDiff(expected: stored, actual: text)
    }
    if let styles {
        let layer = StyleSnapshot(rows: styles)
        let stylesURL = folder.appendingPathComponent(name + ".styles.txt")
        switch SnapshotLayerFile.compare(layer.file(describing: name), with: stylesURL, writing: writing) {
        case .matches: break
        case .recorded: mismatch.recorded.append(stylesURL.path)
        case .unreadable(let reason): mismatch.styles = reason
        case .differs(let stored): mismatch.styles = layer.differences(from: stored, text: lines)
        }
    }
    return mismatch.text == nil && mismatch.styles == nil && mismatch.recorded.isEmpty ? nil : mismatch
}

/// One layer's file: read and compared, or written as `writing` allows.
enum SnapshotLayerFile {
    enum Outcome { case matches, recorded, unreadable(String), differs(stored: String) }

    static func compare(_ actual: String, with url: URL, writing: SnapshotWriting) -> Outcome {
        let exists = FileManager.default.fileExists(atPath: url.path)
        if writing == .all || (writing == .missing && !exists) {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return .recorded
            } catch {
                return .unreadable("cannot write snapshot \(url.path): \(error)")
            }
        }
        guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
            return .unreadable(exists ? "cannot read snapshot \(url.path)" : "no snapshot \(url.path)")
        }
        return stored == actual ? .matches : .differs(stored: stored)
    }
}

/// The rows that differ, line by line (`-` expected, `+` actual), the first `limit` of them.
public func lineDiff(expected: String, actual: String, limit: Int = 12) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let differing = (0..<max(e.count, a.count)).filter { i in
        (i < e.count ? String(e[i]) : nil) != (i < a.count ? String(a[i]) : nil)
    }
    var out: [String] = []
    for i in differing.prefix(limit) {
        out.append(String(format: "%3d - %@", i + 1, i < e.count ? String(e[i]) : "<none>"))
        out.append(String(format: "%3d + %@", i + 1, i < a.count ? String(a[i]) : "<none>"))
    }
    if differing.count > limit { out.append("… and \(differing.count - limit) more differing rows") }
    return out.joined(separator: "\n")
}
