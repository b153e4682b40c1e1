import Foundation

/// Where the package and ../shared live, found from this file's own path so tests work
/// from any working directory.
public enum SharedData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // TestSupport
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // package root
    }()

    /// `../shared/data` beside the project root, or `SCALETOP_SHARED_DATA` when set.
    public static let dataDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["SCALETOP_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    /// True when ../shared/data is present. Tests that read it are skipped with a message
    /// otherwise (a fresh clone without ../shared still passes `make test`).
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.path)
    }

    /// A file under ../shared/data.
    public static func file(_ relativePath: String) -> URL {
        dataDirectory.appendingPathComponent(relativePath)
    }
}
