/// What a person set in `$XDG_CONFIG_HOME/scaletop/config.yml`. Every field is optional:
/// an absent one keeps the built-in default, and a command-line option beats both.
public struct UserSettings: Sendable, Equatable {
    /// The dashboard's theme at start: a theme name or a `.theme` file's path.
    public var theme: String?
    /// Where `s` and `S` write panels in `watch` and `demo`.
    public var exportDirectory: String?
    /// The hardware preset the what-if panel and `whatif --gpu-hours` start with.
    public var hardware: String?
    /// Bootstrap replicates for the dashboard's fits and bands.
    public var bootstrapSamples: Int?

    public init(theme: String? = nil, exportDirectory: String? = nil, hardware: String? = nil, bootstrapSamples: Int? = nil) {
        self.theme = theme
        self.exportDirectory = exportDirectory
        self.hardware = hardware
        self.bootstrapSamples = bootstrapSamples
    }

    /// The keys the file may hold, for messages and documentation.
    public static let keys = ["theme", "export_dir", "hardware", "bootstrap"]

    /// Largest `bootstrap` accepted: more replicates than this take minutes per refit.
    public static let maximumBootstrapSamples = 100_000
}
