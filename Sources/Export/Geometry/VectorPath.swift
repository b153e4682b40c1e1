/// A path on the page: the one shape type both backends draw.
public struct VectorPath: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        case move(VectorPoint)
        case line(VectorPoint)
        /// A full circle (marker dots), which both SVG and cairo draw as true arcs.
        case circle(center: VectorPoint, radius: Double)
        case close
    }

    public private(set) var elements: [Element] = []

    public init() {}

    public mutating func move(to p: VectorPoint) { elements.append(.move(p)) }
    public mutating func line(to p: VectorPoint) { elements.append(.line(p)) }
    public mutating func addCircle(center: VectorPoint, radius: Double) { elements.append(.circle(center: center, radius: radius)) }
    public mutating func close() { elements.append(.close) }

    public var isEmpty: Bool { elements.isEmpty }

    /// An open polyline through `points`.
    public static func polyline(_ points: [VectorPoint]) -> VectorPath {
        var path = VectorPath()
        guard let first = points.first else { return path }
        path.move(to: first)
        for p in points.dropFirst() { path.line(to: p) }
        return path
    }

    /// A closed polygon through `points`.
    public static func polygon(_ points: [VectorPoint]) -> VectorPath {
        var path = polyline(points)
        if !path.isEmpty { path.close() }
        return path
    }

    public static func rectangle(_ r: VectorRect) -> VectorPath {
        polygon([VectorPoint(r.x, r.y), VectorPoint(r.maxX, r.y), VectorPoint(r.maxX, r.maxY), VectorPoint(r.x, r.maxY)])
    }

    /// Appends another path's elements.
    public mutating func append(_ other: VectorPath) { elements += other.elements }
}
