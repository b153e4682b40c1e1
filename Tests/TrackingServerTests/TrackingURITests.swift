import Testing
@testable import TrackingServer

struct TrackingURITests {
    @Test func hostPortAndPrefix() throws {
        let uri = try TrackingURI.parse("http://127.0.0.1:5000")
        #expect(uri.scheme == .http && uri.host == "127.0.0.1" && uri.port == 5000 && uri.pathPrefix == "")
        #expect(uri.url("/api/2.0/mlflow/runs/search") == "http://127.0.0.1:5000/api/2.0/mlflow/runs/search")

        let prefixed = try TrackingURI.parse("https://example.org/team/mlflow/")
        #expect(prefixed.port == 443 && prefixed.pathPrefix == "/team/mlflow")
        #expect(prefixed.display == "https://example.org/team/mlflow")

        let v6 = try TrackingURI.parse("http://[::1]:8080")
        #expect(v6.host == "::1" && v6.port == 8080 && v6.display == "http://[::1]:8080")
    }

    @Test func pastedUIAndAPIAddressesKeepOnlyTheServer() throws {
        #expect(try TrackingURI.parse("http://host:5000/#/experiments/3/runs/abc").display == "http://host:5000")
        #expect(try TrackingURI.parse("http://host:5000/mlflow/api/2.0/mlflow/runs/search").pathPrefix == "/mlflow")
        #expect(try TrackingURI.parse("http://host:5000/?x=1").pathPrefix == "")
    }

    @Test func credentialsAreReadButNeverShown() throws {
        let uri = try TrackingURI.parse("https://alice:s%40cret@mlflow.example.org:8443/p")
        #expect(uri.user == "alice" && uri.password == "s@cret")
        #expect(uri.display == "https://mlflow.example.org:8443/p")
        #expect(!uri.description.contains("cret") && !uri.url("/x").contains("alice"))
        #expect(TrackingURI.display(of: "https://alice:secret@host/p") == "https://host/p")
        #expect(TrackingURI.display(of: "runs/alice@host") == "runs/alice@host")
    }

    @Test func otherSchemesSayWhatToDoInstead() {
        for (text, words) in [("file:///data/mlruns", "folder"), ("sqlite:///data/mlflow.db", "mlflow.db"),
                              ("postgresql://u:pw@db/mlflow", "http"), ("databricks", "Databricks"),
                              ("http://", "no host"), ("http://host:99999", "port"), ("http://ho st", "host name")] {
            do {
                _ = try TrackingURI.parse(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.description.contains(words), "\(text): \(error.description)")
                #expect(!error.description.contains("pw@"), "no secret in \(error.description)")
            }
        }
    }

    @Test func whatLooksLikeAnAddress() {
        #expect(TrackingURI.looksLikeURI("http://localhost:5000"))
        #expect(TrackingURI.looksLikeURI("HTTPS://host"))
        #expect(TrackingURI.looksLikeURI("sqlite:///x.db"))
        #expect(TrackingURI.looksLikeURI("databricks"))
        #expect(!TrackingURI.looksLikeURI("runs/ladder"))
        #expect(!TrackingURI.looksLikeURI("/abs/path:with/colon"))
    }
}

struct TrackingCredentialsTests {
    let uri = try! TrackingURI.parse("https://u:p@host")
    let bare = try! TrackingURI.parse("https://host")

    @Test func environmentThenFileThenAddress() {
        let env = ["MLFLOW_TRACKING_USERNAME": "envuser", "MLFLOW_TRACKING_PASSWORD": "envpass"]
        let file = "[mlflow]\nmlflow_tracking_username = fileuser\nmlflow_tracking_password: filepass\n"
        #expect(TrackingCredentials.resolve(environment: env, credentialsFile: file, uri: uri).authorization
                == .basic(user: "envuser", password: "envpass"))
        #expect(TrackingCredentials.resolve(environment: [:], credentialsFile: file, uri: uri).authorization
                == .basic(user: "fileuser", password: "filepass"))
        #expect(TrackingCredentials.resolve(environment: [:], credentialsFile: nil, uri: uri).authorization
                == .basic(user: "u", password: "p"))
        #expect(TrackingCredentials.resolve(environment: [:], credentialsFile: "[other]\nmlflow_tracking_username = x\n", uri: bare)
                .authorization == TrackingCredentials.Authorization.none)
    }

    @Test func basicWinsOverATokenAsInMLflow() {
        let both = ["MLFLOW_TRACKING_USERNAME": "a", "MLFLOW_TRACKING_PASSWORD": "b", "MLFLOW_TRACKING_TOKEN": "t"]
        #expect(TrackingCredentials.resolve(environment: both, credentialsFile: nil, uri: bare).authorizationHeader == "Basic YTpi")
        let token = TrackingCredentials.resolve(environment: ["MLFLOW_TRACKING_TOKEN": "tok123"], credentialsFile: nil, uri: bare)
        #expect(token.authorizationHeader == "Bearer tok123")
        // A user without a password is not basic auth (MLflow needs both).
        let half = TrackingCredentials.resolve(environment: ["MLFLOW_TRACKING_USERNAME": "a", "MLFLOW_TRACKING_TOKEN": "t"],
                                               credentialsFile: nil, uri: bare)
        #expect(half.authorizationHeader == "Bearer t")
    }

    @Test func tlsSettings() {
        let c = TrackingCredentials.resolve(environment: ["MLFLOW_TRACKING_INSECURE_TLS": "True", "MLFLOW_TRACKING_SERVER_CERT_PATH": "/ca.pem",
                                                          "MLFLOW_TRACKING_CLIENT_CERT_PATH": "/me.pem"], credentialsFile: nil, uri: bare)
        #expect(c.insecureTLS && c.serverCertificatePath == "/ca.pem" && c.clientCertificatePath == "/me.pem")
        #expect(!TrackingCredentials.resolve(environment: ["MLFLOW_TRACKING_INSECURE_TLS": "false"], credentialsFile: nil, uri: bare).insecureTLS)
    }

    @Test func descriptionsNameTheKindNeverTheSecret() {
        for env in [["MLFLOW_TRACKING_TOKEN": "sekrit-token"], ["MLFLOW_TRACKING_USERNAME": "al", "MLFLOW_TRACKING_PASSWORD": "sekrit-pw"]] {
            let c = TrackingCredentials.resolve(environment: env, credentialsFile: nil, uri: bare)
            #expect(!"\(c)".contains("sekrit") && !String(describing: c).contains("sekrit"))
        }
    }
}

struct ProxySettingTests {
    @Test func schemeSpecificProxiesAndNoProxy() throws {
        let https = try TrackingURI.parse("https://mlflow.lab.org")
        let http = try TrackingURI.parse("http://10.1.2.3:5000")
        let env = ["HTTPS_PROXY": "http://u:p@proxy.lab.org:3128", "http_proxy": "proxy2:8080", "NO_PROXY": "localhost,.internal"]
        #expect(ProxySetting.from(environment: env, for: https) == ProxySetting(host: "proxy.lab.org", port: 3128, user: "u", password: "p"))
        #expect(ProxySetting.from(environment: env, for: http) == ProxySetting(host: "proxy2", port: 8080))
        #expect(ProxySetting.from(environment: env, for: try TrackingURI.parse("http://db.internal:5000")) == nil)
        #expect(ProxySetting.from(environment: env, for: try TrackingURI.parse("http://localhost:5000")) == nil)
        #expect(ProxySetting.from(environment: ["no_proxy": "*", "HTTP_PROXY": "p:1"], for: http) == nil)
        #expect(ProxySetting.from(environment: [:], for: http) == nil)
    }
}
