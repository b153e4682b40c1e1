import ArgumentParser
import Export
import Foundation
import RunIngest
import TrackingServer

/// `--experiment` and `--where`: which runs of a tracking server make the study.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("experiment"),
            help: "With a tracking server: an experiment's name or id (repeatable; default: every active experiment).")
    var experiments: [String] = []

    @Option(name: .customLong("where"),
            help: "With a tracking server: keep runs whose param or tag KEY is VALUE (KEY=VALUE, KEY!=VALUE, params.KEY=…, tags.KEY=…; repeatable).")
    var terms: [String] = []
}

/// What a command's PATH argument names: a folder of logs (or a CSV table, for `fit`), or an
/// MLflow tracking server at an http(s) address.
enum StudySource {
    case path(String)
    case server(TrackingSource)

    /// An argument that looks like an address and is not an existing file is a server.
    /// `--experiment` and `--where` (`terms`) only choose runs on a server: with a folder they
    /// are an error rather than silently ignored (`allowTermsWithPath` for `fit`, whose
    /// `--where` also filters a CSV table's rows).
    static func parse(_ argument: String, experiments: [String], where terms: [String],
                      allowTermsWithPath: Bool = false) throws -> StudySource {
        guard TrackingURI.looksLikeURI(argument), !FileManager.default.fileExists(atPath: argument) else {
            if !experiments.isEmpty {
                throw CommandFailure("--experiment chooses experiments on a tracking server; \(argument) is not an http(s) address")
            }
            if !terms.isEmpty && !allowTermsWithPath {
                throw CommandFailure("--where chooses runs on a tracking server by param or tag; \(argument) is not an http(s) address")
            }
            return .path(argument)
        }
        do {
            let uri = try TrackingURI.parse(argument)
            let selection = try RunSelection(experiments: experiments, where: terms)
            return .server(TrackingSource(uri: uri, credentials: TrackingCredentials.fromEnvironment(uri: uri), selection: selection,
                                          environment: ProcessInfo.processInfo.environment))
        } catch let error as TrackingURI.ParseError {
            throw CommandFailure(error.description)
        } catch let error as RunSelection.ParseError {
            throw CommandFailure(error.description)
        }
    }

    var isServer: Bool {
        if case .server = self { return true }
        return false
    }

    /// The study's name as it may be printed and put in captions: a server's address never
    /// carries its credentials.
    var displayName: String {
        switch self {
        case .path(let path): return path
        case .server(let source): return source.displayName
        }
    }

    /// The study's name in an export's caption: a folder's own name, a server's address.
    var captionName: String {
        switch self {
        case .path(let path): return FigureProvenance.folderName(path)
        case .server(let source): return source.displayName
        }
    }

    /// Where the runs are, for messages: "under /abs/folder", "on http://host:5000".
    var location: String {
        switch self {
        case .path(let path): return "under " + URL(fileURLWithPath: path).standardizedFileURL.path
        case .server(let source): return "on " + source.displayName
        }
    }

    /// Folders that nothing may be written into (exports go elsewhere); none for a server.
    var watchedRoots: [String] {
        switch self {
        case .path(let path): return [URL(fileURLWithPath: path).standardizedFileURL.path]
        case .server: return []
        }
    }

    /// Every run, read once: a folder as `StudyFollower` reads it, a server through its API.
    /// Fails with one line (`scaletop: ADDRESS: server unreachable (connection refused)`).
    func loadStore() throws -> RunStore {
        switch self {
        case .path(let path):
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            do { return try StudyFollower.load(root: root) } catch { throw CommandFailure("\(error)") }
        case .server(let source):
            do { return try ServerLoad.load(source) } catch { throw CommandFailure(error.description) }
        }
    }
}
