import Foundation

/// Reads a run's metadata files off disk: its `scaletop.json` sidecar and the files its
/// format names (config.json, hparams.yaml, config.yaml…). Every file that cannot be read
/// or parsed is a problem naming it (and its line when the parser knows it), never a run
/// silently without metadata.
enum MetadataFiles {
    /// Larger than any sidecar or config: a bigger file is cut there.
    static let sidecarLimit = 1 << 20
    static let formatFileLimit = 4 << 20

    /// A sidecar read: its metadata, or the problem that kept it from being read.
    enum Sidecar {
        case read(RunMetadata)
        case failed(ParseIssue)
    }

    static func sidecar(at path: String, display: String) -> Sidecar {
        let bytes: [UInt8]
        do throws(ReadOnlyFile.Failure) {
            bytes = try ReadOnlyFile.read(path, from: 0, limit: sidecarLimit)
        } catch {
            return .failed(ParseIssue(file: display, line: 0, message: ReadOnlyFile.message(error)))
        }
        do throws(SidecarMetadata.Failure) {
            return .read(try SidecarMetadata.parse(Data(bytes), source: display))
        } catch {
            return .failed(ParseIssue(file: display, line: error.line ?? 0, message: error.description))
        }
    }

    /// The bytes of those of `paths` that exist, each with the file as it was read; a file
    /// that exists but cannot be read is a problem (and is not remembered as read, so it is
    /// tried again at the next look).
    static func contents(of paths: [String], root: String)
        -> (bytes: [String: [UInt8]], identities: [String: FileIdentity], problems: [ParseIssue]) {
        var bytes: [String: [UInt8]] = [:]
        var identities: [String: FileIdentity] = [:]
        var problems: [ParseIssue] = []
        for path in paths {
            guard let identity = FileIdentity.of(path) else { continue }   // absent: nothing to say
            do throws(ReadOnlyFile.Failure) {
                bytes[path] = try ReadOnlyFile.read(path, from: 0, limit: formatFileLimit)
                identities[path] = identity
            } catch {
                problems.append(ParseIssue(file: LogFormat.relative(path, to: root), line: 0,
                                           message: ReadOnlyFile.message(error)))
            }
        }
        return (bytes, identities, problems)
    }
}
