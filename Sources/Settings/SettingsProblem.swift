/// Something wrong in a settings or theme file: where, and what was done about it.
public struct SettingsProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the problem is the whole file (it cannot be read).
    public var line: Int?
    /// The key the problem is about, when there is one.
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `config.yml:3: bootstrap: expected …`, one line, as printed on stderr.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
