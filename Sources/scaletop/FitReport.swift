import Foundation
import ScalingLaws

/// A fit's results in the three output formats: JSON (machine), CSV (one quantity per row),
/// table (a person reads it). Non-finite numbers never reach the output: JSON gets null,
/// text gets "n/a".
struct FitReport {
    var json: [String: Any] = [:]
    /// Rows of `quantity,value,ci_low,ci_high`.
    var csvRows: [[String]] = []
    var tableLines: [String] = []

    func rendered(_ format: FitCommand.Format) -> String {
        switch format {
        case .json:
            let object = Self.sanitised(json)
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
                  let text = String(data: data, encoding: .utf8) else { return "{}\n" }
            return text + "\n"
        case .csv:
            let header = ["quantity", "value", "ci_low", "ci_high"]
            return ([header] + csvRows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .table:
            return tableLines.joined(separator: "\n") + "\n"
        }
    }

    /// Add a quantity to the CSV rows, with its interval when there is one.
    mutating func quantity(_ name: String, _ value: Double, _ interval: ClosedRange<Double>? = nil) {
        csvRows.append([name, Self.number(value), interval.map { Self.number($0.lowerBound) } ?? "",
                        interval.map { Self.number($0.upperBound) } ?? ""])
    }

    static func number(_ v: Double) -> String {
        v.isFinite ? "\(v)" : ""
    }

    static func text(_ v: Double, _ digits: Int = 4) -> String {
        v.isFinite ? NumberFormat.general(v, significant: digits) : "n/a"
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Replace NaN and ±∞ by null, recursively (JSONSerialization rejects them).
    static func sanitised(_ value: Any) -> Any {
        switch value {
        case let d as Double: return d.isFinite ? d : NSNull()
        case let dict as [String: Any]: return dict.mapValues(sanitised)
        case let array as [Any]: return array.map(sanitised)
        default: return value
        }
    }

    /// A left-aligned text table with a header rule.
    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, c in c.padding(toLength: widths[k], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return [line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }

    /// Names of the quantities that make an allocation (left out when it is unidentified).
    static let allocationNames: Set<String> = ["G", "a", "b"]

    /// JSON, CSV and table entries for whether the design identifies the allocation; when
    /// it does not, each reason as a line of the table.
    mutating func addIdentifiability(_ design: DesignIdentifiability) {
        json["identifiability"] = ["identified": design.isIdentified, "problems": design.problems.map(\.description)] as [String: Any]
        csvRows.append(["identified", design.isIdentified ? "1" : "0", "", ""])
        guard !design.isIdentified else { return }
        tableLines += ["", "UNIDENTIFIED: this design cannot separate the effect of N from that of D:"] + design.problems.map { "  - " + $0.description }
    }

    /// JSON and table entries for a bootstrap summary, without the quantities `omitting`.
    mutating func addBootstrap(_ summary: BootstrapSummary?, omitting: Set<String> = []) {
        guard let summary else { return }
        var intervals: [String: Any] = [:], errors: [String: Any] = [:]
        var rows: [[String]] = []
        for name in summary.names where !omitting.contains(name) {
            guard let e = summary.estimates[name] else { continue }
            intervals[name] = [e.interval.lowerBound, e.interval.upperBound]
            errors[name] = e.standardError
            rows.append([name, Self.text(e.standardError, 3), "[" + Self.text(e.interval.lowerBound) + ", " + Self.text(e.interval.upperBound) + "]"])
        }
        json["intervals"] = intervals
        json["standard_errors"] = errors
        json["bootstrap"] = ["samples": summary.requested, "failed": summary.failed, "seed": Double(summary.seed),
                             "level": summary.level] as [String: Any]
        tableLines += ["", "Bootstrap: \(summary.requested - summary.failed) of \(summary.requested) replicates refitted (seed \(summary.seed), whole runs resampled)"]
        tableLines += Self.table(["quantity", "std. error", "95% interval"], rows)
        for name in summary.names where !omitting.contains(name) {
            if let e = summary.estimates[name] {
                csvRows.append(["bootstrap_se_" + name, Self.number(e.standardError), Self.number(e.interval.lowerBound), Self.number(e.interval.upperBound)])
            }
        }
    }

    mutating func addWarnings(_ warnings: [String]) {
        json["warnings"] = warnings
        guard !warnings.isEmpty else { return }
        tableLines += [""] + warnings.map { "! " + $0 }
    }
}
