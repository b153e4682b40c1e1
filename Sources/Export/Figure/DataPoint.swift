/// One plotted point in data units (the axes' units, e.g. FLOPs and nats/token).
public struct DataPoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
