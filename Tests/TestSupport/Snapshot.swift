import Foundation

/// Compares rendered text with a stored snapshot beside the test file, in
/// `__Snapshots__/<name>.txt`. Snapshots are re-recorded only on purpose: run the tests
/// with `SCALETOP_RECORD_SNAPSHOTS=1`, look at the diff, commit it.
///
/// Returns nil when the text matches, else a message with a line diff (the caller turns it
/// into a test failure, so this target does not depend on a test framework).
public func snapshotMismatch(_ lines: [String], named name: String, testFile: String = #filePath) -> String? {
    let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = folder.appendingPathComponent(name + ".txt")
    // Trailing blanks are kept, but marked, so a diff shows them.
    let actual = lines.map { $0 + "|" }.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["SCALETOP_RECORD_SNAPSHOTS"] == "1"
    guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
        if record || !FileManager.default.fileExists(atPath: url.path) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return "recorded a new snapshot at \(url.path); check it and run the tests again"
        }
        return "cannot read snapshot \(url.path)"
    }
    if stored == actual { return nil }
    return "snapshot \(name) differs (re-record with SCALETOP_RECORD_SNAPSHOTS=1 if the change is intended):\n"
        + lineDiff(expected: stored, actual: actual)
}

/// A readable line-by-line difference: `-` expected, `+` actual.
public func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let l = i < e.count ? String(e[i]) : "<none>"
        let r = i < a.count ? String(a[i]) : "<none>"
        if l != r {
            out.append(String(format: "%3d - %@", i + 1, l))
            out.append(String(format: "%3d + %@", i + 1, r))
        }
    }
    return out.joined(separator: "\n")
}
