/// Which files of a folder are TensorBoard event files, and the order their records follow
/// one another in.
///
/// Every writer instance (and every restart of a job) opens a new file in the run's folder,
/// named `events.out.tfevents.<unix seconds>.<host>[.<pid>.<uid>][suffix]` (TensorBoard's
/// writer, PyTorch, tensorboardX, TensorFlow; shared/log-formats.md §1.1). A run's curve is
/// its files read one after another, oldest first.
public enum TensorBoardEventFiles {
    /// What TensorBoard itself goes by: a file whose name contains `tfevents`.
    public static func isEventFile(name: String) -> Bool {
        name.contains("tfevents")
    }

    /// The creation time written in an event file's name, in seconds since the epoch.
    public static func timestamp(name: String) -> Int? {
        guard let range = name.range(of: "tfevents.") else { return nil }
        let digits = name[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        return Int(digits)
    }

    /// The event files among `names`, oldest first: by the timestamp in the name, then by
    /// name (two writers opened in the same second). Names without a timestamp come last,
    /// by name — TensorBoard's own order for them.
    public static func ordered(_ names: [String]) -> [String] {
        names.filter(isEventFile(name:)).sorted { a, b in
            switch (timestamp(name: a), timestamp(name: b)) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
    }
}
