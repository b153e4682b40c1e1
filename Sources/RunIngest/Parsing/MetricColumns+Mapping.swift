/// A user's mapping of metric roles to column names, written `step=iter,loss=train/loss,tokens=tok`.
extension MetricColumns {
    /// The quantities a column can be mapped to.
    public enum Role: String, Sendable, CaseIterable {
        case step, tokens, flops, loss
        case learningRate = "lr"
        case wallTime = "time"

        /// Other spellings accepted on the left of `=`.
        static let aliases: [String: Role] = [
            "learning_rate": .learningRate, "wall_time": .wallTime, "walltime": .wallTime,
            "timestamp": .wallTime, "iter": .step, "iteration": .step,
        ]

        var keyPath: WritableKeyPath<MetricColumns, [String]> {
            switch self {
            case .step: return \.step
            case .tokens: return \.tokens
            case .flops: return \.flops
            case .loss: return \.loss
            case .learningRate: return \.learningRate
            case .wallTime: return \.wallTime
            }
        }
    }

    /// A mapping that could not be read, with what to write instead.
    public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// `base` with the roles named in `mapping` pointing at exactly the given column each.
    /// Roles the mapping leaves out keep `base`'s names. Separators: `,` or `;`; spaces
    /// around names are trimmed, so a column name cannot itself contain `,` `;` or `=`.
    public init(mapping: String, base: MetricColumns = .standard) throws(MappingError) {
        self = base
        var seen: [Role: String] = [:]
        let roleNames = Role.allCases.map(\.rawValue).joined(separator: ", ")
        let entries = mapping.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !entries.isEmpty else {
            throw MappingError(description: "the column mapping is empty; write ROLE=COLUMN pairs such as step=iter,loss=train/loss (roles: \(roleNames))")
        }
        for entry in entries {
            guard let eq = entry.firstIndex(of: "=") else {
                throw MappingError(description: "\"\(entry)\" in the column mapping has no '='; write ROLE=COLUMN, e.g. loss=train/loss")
            }
            let left = entry[..<eq].trimmingSpaces.lowercased()
            let column = entry[entry.index(after: eq)...].trimmingSpaces
            guard let role = Role(rawValue: left) ?? Role.aliases[left] else {
                throw MappingError(description: "\"\(left)\" in the column mapping is not a role; the roles are \(roleNames)")
            }
            guard !column.isEmpty else {
                throw MappingError(description: "\(role.rawValue)= in the column mapping names no column")
            }
            guard !column.contains("=") else {
                throw MappingError(description: "\"\(entry)\" in the column mapping has more than one '='")
            }
            if let earlier = seen[role] {
                throw MappingError(description: "\(role.rawValue) is mapped twice in the column mapping (\(earlier) and \(column))")
            }
            seen[role] = column
            self[keyPath: role.keyPath] = [column]
        }
        mapped = seen
    }

    /// The column a role must come from, when the user's mapping named one.
    public func mappedColumn(_ role: Role) -> String? { mapped[role] }

    /// The first of `role`'s names that is in `header`. When the user mapped the role and
    /// the header lacks that column, the error names the columns that exist.
    func resolve(_ role: Role, in header: [String]) -> Result<Int?, MappingError> {
        for name in self[keyPath: role.keyPath] {
            if let k = header.firstIndex(of: name) { return .success(k) }
        }
        if let column = mapped[role] {
            return .failure(MappingError(description: "no column \"\(column)\" (mapped as \(role.rawValue)); the header has: \(header.joined(separator: ", "))"))
        }
        return .success(nil)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
