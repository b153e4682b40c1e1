import Foundation

/// How scaletop authenticates to a tracking server and checks its certificate, read the way
/// MLflow's own client reads them (mlflow/utils/credentials.py, rest_utils.py):
/// `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD` (else `mlflow_tracking_username`
/// and `mlflow_tracking_password` in the `[mlflow]` section of ~/.mlflow/credentials) give
/// HTTP basic auth; otherwise `MLFLOW_TRACKING_TOKEN` gives a bearer token;
/// `MLFLOW_TRACKING_INSECURE_TLS=true` skips certificate checks;
/// `MLFLOW_TRACKING_SERVER_CERT_PATH` names a CA bundle to trust and
/// `MLFLOW_TRACKING_CLIENT_CERT_PATH` a client certificate (with its key, PEM).
/// Credentials written in the address (`https://user:secret@host`) are used when the
/// environment gives none.
///
/// Secrets stay in here: `description` says which kind of credential is used, never its
/// value, and nothing else in scaletop prints one.
public struct TrackingCredentials: Sendable, Equatable, CustomStringConvertible {
    public enum Authorization: Sendable, Equatable {
        case none
        case basic(user: String, password: String)
        case bearer(token: String)
    }

    public var authorization: Authorization
    public var insecureTLS: Bool
    public var serverCertificatePath: String?
    public var clientCertificatePath: String?

    public init(authorization: Authorization = .none, insecureTLS: Bool = false,
                serverCertificatePath: String? = nil, clientCertificatePath: String? = nil) {
        self.authorization = authorization
        self.insecureTLS = insecureTLS
        self.serverCertificatePath = serverCertificatePath
        self.clientCertificatePath = clientCertificatePath
    }

    /// From the environment, the text of ~/.mlflow/credentials (nil when there is none) and
    /// the address. Pure.
    public static func resolve(environment: [String: String], credentialsFile: String?, uri: TrackingURI) -> TrackingCredentials {
        func value(_ name: String) -> String? {
            guard let v = environment[name], !v.isEmpty else { return nil }
            return v
        }
        let file = credentialsFile.map(parseCredentialsFile) ?? [:]
        let user = value("MLFLOW_TRACKING_USERNAME") ?? file["mlflow_tracking_username"] ?? uri.user
        let password = value("MLFLOW_TRACKING_PASSWORD") ?? file["mlflow_tracking_password"] ?? uri.password
        var credentials = TrackingCredentials()
        if let user, let password {
            credentials.authorization = .basic(user: user, password: password)
        } else if let token = value("MLFLOW_TRACKING_TOKEN") {
            credentials.authorization = .bearer(token: token)
        }
        // MLflow reads booleans as "true" or "1", in any case.
        credentials.insecureTLS = ["true", "1"].contains(value("MLFLOW_TRACKING_INSECURE_TLS")?.lowercased() ?? "")
        credentials.serverCertificatePath = value("MLFLOW_TRACKING_SERVER_CERT_PATH")
        credentials.clientCertificatePath = value("MLFLOW_TRACKING_CLIENT_CERT_PATH")
        return credentials
    }

    /// This process's environment and ~/.mlflow/credentials.
    public static func fromEnvironment(uri: TrackingURI) -> TrackingCredentials {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        let text = try? String(contentsOfFile: home + "/.mlflow/credentials", encoding: .utf8)
        return resolve(environment: environment, credentialsFile: text, uri: uri)
    }

    /// The `Authorization` header's value, or nil.
    public var authorizationHeader: String? {
        switch authorization {
        case .none: return nil
        case .basic(let user, let password): return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case .bearer(let token): return "Bearer " + token
        }
    }

    /// Which credential is used, for messages: never the secret itself.
    public var description: String {
        switch authorization {
        case .none: return "no credentials"
        case .basic: return "MLflow username and password"
        case .bearer: return "MLFLOW_TRACKING_TOKEN"
        }
    }

    /// The `[mlflow]` section of an INI file as MLflow's configparser reads it: `key = value`
    /// or `key: value`, keys lower-cased, comments after `#` or `;` at a line's start.
    static func parseCredentialsFile(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        var inSection = false
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                inSection = line.hasPrefix("[mlflow]")
                continue
            }
            guard inSection, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            values[key] = value
        }
        return values
    }
}
