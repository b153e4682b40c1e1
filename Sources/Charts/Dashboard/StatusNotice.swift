/// A one-off message on the status line, shown until the next key: where `s` wrote its
/// files, or why it could not.
public struct StatusNotice: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
