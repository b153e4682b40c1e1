import ScalingLaws
import Yams

extension UserSettings {
    /// Reads a `config.yml`. A key that is unknown or holds a bad value is a problem naming
    /// its line and is otherwise ignored (the default stays); a file that is not YAML, or not
    /// a mapping, is one problem and gives the defaults. Never throws: a bad settings file
    /// must not stop the dashboard from starting.
    public static func parse(yaml text: String, file: String) -> (settings: UserSettings, problems: [SettingsProblem]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (UserSettings(), [SettingsProblem(file: file, line: error.line, key: nil,
                                                     message: "not valid YAML (\(error.problem)); using the defaults")])
        } catch {
            return (UserSettings(), [SettingsProblem(file: file, line: nil, key: nil, message: "\(error); using the defaults")])
        }
        guard let root else { return (UserSettings(), []) }   // empty file or only comments
        guard let mapping = root.mapping else {
            return (UserSettings(), [SettingsProblem(file: file, line: root.mark?.line, key: nil,
                                                     message: "expected `key: value` lines; using the defaults")])
        }
        var settings = UserSettings()
        var problems: [SettingsProblem] = []
        func problem(_ node: Node, _ key: String, _ message: String) {
            problems.append(SettingsProblem(file: file, line: node.mark?.line, key: key, message: message + "; ignored"))
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                problem(keyNode, "?", "a key must be a plain word")
                continue
            }
            guard let scalar = value.scalar, !scalar.string.isEmpty else {
                problem(keyNode, key, "expected a single value")
                continue
            }
            let text = scalar.string
            switch key {
            case "theme":
                settings.theme = text
            case "export_dir":
                settings.exportDirectory = text
            case "hardware":
                if let preset = HardwarePreset.named(text) {
                    settings.hardware = preset.name
                } else {
                    problem(value, key, "unknown hardware '\(text)' (one of \(HardwarePreset.all.map(\.name).joined(separator: ", ")))")
                }
            case "bootstrap":
                if let count = Int(text), (0...maximumBootstrapSamples).contains(count) {
                    settings.bootstrapSamples = count
                } else {
                    problem(value, key, "expected a whole number from 0 to \(maximumBootstrapSamples), got '\(text)'")
                }
            default:
                problem(keyNode, key, "unknown key (known: \(keys.joined(separator: ", ")))")
            }
        }
        return (settings, problems)
    }
}

extension YamlError {
    /// The 1-based line libyaml stopped at, when it says.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    /// What libyaml said was wrong, without the snippet Yams appends.
    var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .reader(let problem, _, _, _): return problem
        default: return "\(self)"
        }
    }
}
