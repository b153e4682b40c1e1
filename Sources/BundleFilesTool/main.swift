import Foundation

// Writes BundledFiles+Contents.swift: the version, the commit and every file under the
// given folders as base64 string literals (a large [UInt8] literal takes the type checker
// far longer than a string). Run by BundleFilesPlugin at build time.
//
// Usage: BundleFilesTool OUTPUT PACKAGE_ROOT COMMIT FOLDER...

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: BundleFilesTool OUTPUT PACKAGE_ROOT COMMIT FOLDER...\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments[1])
let root = URL(fileURLWithPath: arguments[2])
let commit = arguments[3]
let folders = Array(arguments.dropFirst(4))

func swiftLiteral(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": escaped += "\\\\"
        case "\"": escaped += "\\\""
        case " "..."~": escaped.unicodeScalars.append(scalar)
        default: escaped += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return "\"" + escaped + "\""
}

let versionText = (try? String(contentsOf: root.appendingPathComponent("VERSION"), encoding: .utf8)) ?? "0.0.0"
let version = versionText.trimmingCharacters(in: .whitespacesAndNewlines)

var entries: [(path: String, data: Data)] = []
for folder in folders {
    let base = root.appendingPathComponent(folder)
    guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
    for case let url as URL in enumerator {
        if url.lastPathComponent == "__pycache__" { enumerator.skipDescendants(); continue }
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        let relative = folder + "/" + url.path.dropFirst(base.path.count + 1)
        entries.append((relative, try Data(contentsOf: url)))
    }
}
entries.sort { $0.path < $1.path }

var source = """
// Generated at build time by BundleFilesTool (Plugins/BundleFilesPlugin): do not edit.

extension BundledFiles {
    public static let version = \(swiftLiteral(version))
    public static let commit = \(swiftLiteral(commit))

    static let encodedFiles: [(path: String, base64: String)] = [

"""
for entry in entries {
    source += "        (\(swiftLiteral(entry.path)), \"\(entry.data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"

let old = try? Data(contentsOf: output)
let new = Data(source.utf8)
// Leave an unchanged file alone, so nothing downstream rebuilds.
if old != new { try new.write(to: output, options: .atomic) }
