import Charts

/// How many colours the terminal can show, and how a theme's RGB colours map onto them.
public enum ColorDepth: Sendable, Equatable {
    case none
    case sixteen
    case palette256
    /// 24-bit: terminfo says the terminal takes RGB values as colour numbers.
    case direct

    /// The depth to use, from what the terminal reports and the environment (`NO_COLOR`
    /// switches colour off whatever the terminal can do; https://no-color.org).
    public static func choose(hasColors: Bool, colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        if colors >= 0x100_0000 { return .direct }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .sixteen }
        return .none
    }

    /// The terminal colour number for `color`, or -1 for the terminal's default.
    public func colorNumber(_ color: Color) -> Int32 {
        guard case let .rgb(r, g, b) = color else { return -1 }
        switch self {
        case .none: return -1
        case .direct: return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        case .palette256: return Int32(ColorDepth.nearest256(r, g, b))
        case .sixteen: return Int32(ColorDepth.nearest16(r, g, b))
        }
    }

    /// The xterm 256-colour index closest to an RGB colour: the 6×6×6 cube or the 24-step
    /// grey ramp, whichever is nearer.
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func cubeIndex(_ v: UInt8) -> Int {
            var best = 0
            for (i, level) in levels.enumerated() where abs(level - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 8 + greyIndex * 10
        let cubeDistance = distance((Int(r), Int(g), Int(b)), cube)
        let greyDistance = distance((Int(r), Int(g), Int(b)), (grey, grey, grey))
        return greyDistance < cubeDistance ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi
    }

    /// The closest of the 16 ANSI colours (xterm's default palette).
    static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let palette: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        var best = 0
        var bestDistance = Int.max
        for (i, p) in palette.enumerated() {
            let d = distance((Int(r), Int(g), Int(b)), p)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
