import Foundation
import Testing

/// The command-line programs tests check files with (xmllint, pdfinfo, pdftoppm,
/// rsvg-convert…). A test that needs one carries the trait `ExternalTool.required(name, why)`,
/// so that where the program is missing the test is reported as skipped, with the Debian
/// package to install, never as passed.
public enum ExternalTool {
    public static func isAvailable(_ name: String) -> Bool {
        (try? ProcessRunner.run(["sh", "-c", "command -v '\(name)'"]).status) == 0
    }

    /// The Debian package each program comes in (`scripts/install-deps.sh` installs them).
    public static let packages = ["xmllint": "libxml2-utils", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils",
                                  "pdftotext": "poppler-utils", "rsvg-convert": "librsvg2-bin", "readelf": "binutils"]

    /// Runs the test only where `name` is installed; `why` says what the program checks
    /// ("which draws the SVG with librsvg").
    public static func required(_ name: String, _ why: String) -> ConditionTrait {
        .enabled(if: isAvailable(name), Comment(rawValue:
            "needs \(name) (apt-get install \(packages[name] ?? name), or run scripts/install-deps.sh), which \(why)"))
    }
}
