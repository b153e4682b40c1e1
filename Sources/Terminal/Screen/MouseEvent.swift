/// A mouse event in cells (0-based, from the top left), as the terminal reports it.
public struct MouseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Button 1 went down (a click starts here; a drag too).
        case press
        /// Button 1 came up: where a drag ended.
        case release
        case wheelUp
        case wheelDown
    }

    public var x: Int
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}
