import Foundation
import Glibc

/// SOURCE_DATE_EPOCH (reproducible-builds.org/specs/source-date-epoch): the moment, in
/// seconds since 1970 UTC, a build should stamp its outputs with instead of now. PDFs are
/// the only exports that carry a date; with it set, a paper's figures rebuild byte for byte.
public enum SourceDateEpoch {
    public static let variable = "SOURCE_DATE_EPOCH"

    /// The variable's value; nil when unset or empty. The specification asks tools to fail
    /// on a malformed value rather than quietly use the current time.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let seconds = Int(text), seconds <= 253_402_300_799 else {
            throw SourceDateEpochError(value: text)
        }
        return seconds
    }

    /// "2024-03-01T12:00:00Z", the form cairo takes for PDF dates.
    static func iso8601(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

public struct SourceDateEpochError: Error, Equatable, CustomStringConvertible {
    public var value: String

    public init(value: String) {
        self.value = value
    }

    public var description: String {
        "SOURCE_DATE_EPOCH='\(value)' is not a number of seconds since 1970 (e.g. $(git log -1 --format=%ct)); unset it or fix it"
    }
}
