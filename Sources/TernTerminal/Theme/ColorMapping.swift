/// How many colours the terminal can show, as far as Tern uses them.
///
/// ```swift
/// ColorMapping.depth(colors: 256, environment: [:])   // .full256
/// ```
public enum ColorDepth: Sendable, Hashable, Comparable {
    /// No colour at all (`NO_COLOR`, or a terminal with fewer than 8): the monochrome theme.
    case none
    /// The 8 ANSI colours, 0–7.
    case eight
    /// The 8 ANSI colours and their bright variants, 0–15.
    case sixteen
    /// The full xterm-256 palette.
    case full256
}

/// Turns theme colours into what the terminal can show: 256 → 16 → 8 → none.
///
/// Degrading picks the *nearest* basic colour by RGB distance in the xterm palette rather than
/// dropping bits, so a 256-colour theme still looks like itself on a 16-colour console.
///
/// ```swift
/// ColorMapping.degrade(.index256(196), to: .sixteen)   // .index256(9): bright red
/// ```
public enum ColorMapping {
    /// The colour `value` becomes on a terminal of `depth`: unchanged when it fits, else the
    /// nearest of the 16 (or 8) basic colours; `.default` on a terminal without colour.
    ///
    /// ```swift
    /// ColorMapping.degrade(.index256(244), to: .eight)   // .index256(7): a grey is nearer white than black
    /// ```
    public static func degrade(_ value: ColorValue, to depth: ColorDepth) -> ColorValue {
        guard case .index256(let raw) = value else { return value }
        let index = min(max(raw, 0), 255)
        switch depth {
        case .none: return .default
        case .full256: return .index256(index)
        case .sixteen: return .index256(index < 16 ? index : nearestBasic(to: rgb(index), count: 16))
        case .eight: return .index256(index < 8 ? index : nearestBasic(to: rgb(index), count: 8))
        }
    }

    /// The nearest of the first `count` basic colours. A grey only goes to a grey (black, white,
    /// bright black, bright white): by plain distance a mid grey is nearer yellow, magenta and
    /// cyan than white, and turning muted text yellow would change its meaning, not just its shade.
    private static func nearestBasic(to color: (red: Int, green: Int, blue: Int), count: Int) -> Int {
        guard isGrey(color) else { return nearest(to: color, among: 0..<count) }
        let greys = count >= 16 ? [0, 7, 8, 15] : [0, 7]
        return greys.min { distance(rgb($0), color) < distance(rgb($1), color) }!
    }

    /// The stand-ins a terminal of `depth` offers for palette colour `index` when its nearest
    /// colour misses a contrast, nearest first: only shades of the same colour, since a green
    /// "success" turned red would say the opposite. A grey gets the greys; at 16 colours a
    /// colour gets its nearest basic colour and that one's bright or dim twin; at 256 the eight
    /// nearest fixed colours. Empty when nothing fits: the caller falls back to the text colour.
    ///
    /// ```swift
    /// ColorMapping.candidates(near: 240, depth: .eight)   // [0, 7]: black, then white
    /// ```
    public static func candidates(near index: Int, depth: ColorDepth) -> [Int] {
        let color = rgb(min(max(index, 0), 255))
        func byDistance(_ pool: [Int]) -> [Int] {
            pool.sorted { (distance(rgb($0), color), $0) < (distance(rgb($1), color), $1) }
        }
        switch depth {
        case .none:
            return []
        case .full256:
            return Array(byDistance(Array(16..<256).filter { isGrey(rgb($0)) == isGrey(color) }).prefix(8))
        case .sixteen, .eight:
            let count = depth == .sixteen ? 16 : 8
            if isGrey(color) { return byDistance([0, 7, 8, 15].filter { $0 < count }) }
            let nearestBasic = nearest(to: color, among: 0..<count)
            return count == 16 ? byDistance([nearestBasic, nearestBasic ^ 8]) : [nearestBasic]
        }
    }

    private static func isGrey(_ color: (red: Int, green: Int, blue: Int)) -> Bool {
        max(color.red, color.green, color.blue) - min(color.red, color.green, color.blue) <= 16
    }

    /// The colour depth to draw with, from the terminal's `colors` capability and the
    /// environment. `NO_COLOR` set to anything, even "", means no colour (https://no-color.org).
    ///
    /// ```swift
    /// ColorMapping.depth(colors: 256, environment: ["NO_COLOR": ""])   // .none
    /// ```
    public static func depth(colors: Int, environment: [String: String]) -> ColorDepth {
        if environment["NO_COLOR"] != nil { return .none }
        switch colors {
        case ..<8: return .none
        case ..<16: return .eight
        // 88-colour terminals (old rxvt) have a different cube: use only the portable 16.
        case ..<256: return .sixteen
        default: return .full256
        }
    }

    /// The xterm-256 index nearest to an sRGB colour, among the fixed colours 16–255 only: the
    /// basic 16 are left out because terminals let users redefine them (a solarized palette
    /// would turn "nearest red" into something else), while 16–255 look the same everywhere.
    ///
    /// ```swift
    /// ColorMapping.nearest256(red: 0x26, green: 0x8b, blue: 0xd2)   // 32
    /// ```
    public static func nearest256(red: Int, green: Int, blue: Int) -> Int {
        nearest(to: (red, green, blue), among: 16..<256)
    }

    /// The RGB value xterm uses for a palette index (the reference every other terminal copies).
    ///
    /// ```swift
    /// ColorMapping.rgb(21)   // (0, 0, 255)
    /// ```
    public static func rgb(_ index: Int) -> (red: Int, green: Int, blue: Int) {
        switch index {
        case 0..<16:
            return basic[index]
        case 16..<232:
            let cube = index - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        case 232..<256:
            let grey = 8 + 10 * (index - 232)
            return (grey, grey, grey)
        default:
            return (0, 0, 0)
        }
    }

    /// xterm's defaults for the 16 basic colours.
    private static let basic: [(red: Int, green: Int, blue: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six channel levels of the 6×6×6 cube (16–231).
    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The index in `candidates` with the smallest squared RGB distance; the lower index wins a tie.
    private static func nearest(to color: (red: Int, green: Int, blue: Int), among candidates: Range<Int>) -> Int {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let d = distance(rgb(index), color)
            if d < bestDistance {
                best = index
                bestDistance = d
            }
        }
        return best
    }

    /// Squared Euclidean distance in RGB.
    private static func distance(_ a: (red: Int, green: Int, blue: Int), _ b: (red: Int, green: Int, blue: Int)) -> Int {
        let dr = a.red - b.red, dg = a.green - b.green, db = a.blue - b.blue
        return dr * dr + dg * dg + db * db
    }
}
