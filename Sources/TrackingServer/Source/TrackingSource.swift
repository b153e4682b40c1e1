import RunIngest

/// A study on a tracking server: where it is, how to authenticate, which runs are in it and
/// how their curves are read.
public struct TrackingSource: Sendable {
    public var uri: TrackingURI
    public var credentials: TrackingCredentials
    public var selection: RunSelection
    public var columns: MetricColumns
    /// The environment the HTTP client reads its timeout and proxy from.
    public var environment: [String: String]

    public init(uri: TrackingURI, credentials: TrackingCredentials, selection: RunSelection = try! RunSelection(),
                columns: MetricColumns = .standard, environment: [String: String] = [:]) {
        self.uri = uri
        self.credentials = credentials
        self.selection = selection
        self.columns = columns
        self.environment = environment
    }

    /// The study's name for titles and captions: the address without credentials, and the
    /// experiments when some were named.
    public var displayName: String {
        uri.display + (selection.experiments.isEmpty ? "" : " (" + selection.experiments.joined(separator: ", ") + ")")
    }
}
