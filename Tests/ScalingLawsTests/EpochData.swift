import Foundation
import ScalingLaws
import TestSupport

/// Epoch AI's points extracted from Chinchilla's Fig. 4 (../shared/data; no licence, so it
/// is read in place and never copied into the repository).
enum EpochData {
    /// All 245 rows as (N, C, L); D = C/(6N).
    static func all() throws -> [LossObservation] {
        let text = try String(contentsOf: SharedData.file("chinchilla/svg_extracted_data.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let iN = header.firstIndex(of: "Model Size")!, iC = header.firstIndex(of: "Training FLOP")!,
            iL = header.firstIndex(of: "loss")!
        return lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let n = Double(f[iN])!, c = Double(f[iC])!
            return LossObservation(parameters: n, tokens: c / (6 * n), loss: Double(f[iL])!)
        }
    }

    /// Epoch's cleaning: drop the 5 highest losses, leaving 240 points.
    static func cleaned() throws -> [LossObservation] {
        let rows = try all()
        let cutoff = rows.map(\.loss).sorted(by: >)[4]
        return rows.filter { $0.loss < cutoff }
    }
}
