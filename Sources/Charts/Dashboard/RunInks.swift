import Glibc
import RunIngest
import ScalingLaws

/// Colour and marker for each run. Runs of a known size are coloured by log N along the
/// theme's gradient and share a marker per size, so a scaling ladder reads small → large
/// at a glance and the same run keeps its colour as others come and go. Runs without a
/// size take a palette colour chosen by a hash of their path (stable across sessions).
public struct RunInks: Sendable {
    public let inkByRun: [String: Ink]
    /// The same inks by the runs' places in the array they were made from (the study's):
    /// the curves panel reads 10,000 of them per frame, and hashing each id was a few per
    /// cent of a frame (perf, issue 16).
    public let inkByPlace: [Ink?]
    public let legend: [LegendEntry]

    static let markers: [Unicode.Scalar] = ["*", "+", "o", "x", "#", "@", "%", "&", "=", "~"]

    public init(runs: [Run], theme: Theme) {
        // One pass over the runs (a filter per size would be runs × sizes: a sweep of 10,000
        // runs of as many sizes, every frame).
        var runsBySize: [Double: [String]] = [:]
        for run in runs { if let n = run.metadata.parameters { runsBySize[n, default: []].append(run.id) } }
        let sizes = runsBySize.keys.sorted()
        let logLow = sizes.first.map(Glibc.log10) ?? 0
        let logHigh = sizes.last.map(Glibc.log10) ?? 1
        var inks: [String: Ink] = [:]
        var legend: [LegendEntry] = []
        for (i, size) in sizes.enumerated() {
            let t = logHigh > logLow ? (Glibc.log10(size) - logLow) / (logHigh - logLow) : 0.5
            let ink = Ink(style: CellStyle(foreground: theme.sizeColor(t)), marker: RunInks.markers[i % RunInks.markers.count])
            let members = runsBySize[size] ?? []
            for id in members { inks[id] = ink }
            let count = members.count
            legend.append(LegendEntry(label: "N=\(NumberFormat.short(size))" + (count > 1 ? " ×\(count)" : ""), ink: ink))
        }
        for run in runs where run.metadata.parameters == nil {
            let index = Int(RunInks.fnv1a(run.id) % UInt64(max(1, theme.runPalette.count)))
            let color = theme.runPalette.isEmpty ? theme.foreground : theme.runPalette[index]
            let ink = Ink(style: CellStyle(foreground: color), marker: RunInks.markers[index % RunInks.markers.count])
            inks[run.id] = ink
            legend.append(LegendEntry(label: run.name, ink: ink))
        }
        inkByRun = inks
        inkByPlace = runs.map { inks[$0.id] }
        self.legend = legend
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// The last frame's inks, kept while the runs' ids, sizes and names and the theme are the
/// same: at 10,000 runs building them was a few per cent of every frame (perf), and they
/// change only when runs come or go or learn their size. Used from the UI thread only.
public final class RunInksMemo {
    private var last: (theme: Theme, ids: [String], sizes: [Double?], names: [String], inks: RunInks)?
    /// Each run's store revision when its size and name were last compared.
    private var revisions: [Int] = []

    public init() {}

    public func inks(runs: [Run], theme: Theme) -> RunInks {
        // Compared run by run in place: three arrays of 10,000 made per frame only to be
        // compared were a few per cent of a frame (perf, issue 16). A run whose revision is
        // the one last compared has the same size and name (revision 0: a run no store
        // tracks, compared every time); reading them through each run's fields was a cache
        // miss per run and frame.
        if let last, last.theme == theme, last.ids.count == runs.count, revisions.count == runs.count {
            let same = runs.withUnsafeBufferPointer { runs in
                runs.indices.allSatisfy { i in
                    guard runs[i].id == last.ids[i] else { return false }
                    let revision = runs[i].revision
                    if revision != 0 && revision == revisions[i] { return true }
                    guard runs[i].metadata.parameters == last.sizes[i] && runs[i].name == last.names[i] else { return false }
                    revisions[i] = revision
                    return true
                }
            }
            if same { return last.inks }
        }
        let inks = RunInks(runs: runs, theme: theme)
        last = (theme, runs.map(\.id), runs.map(\.metadata.parameters), runs.map(\.name), inks)
        revisions = runs.map(\.revision)
        return inks
    }
}
