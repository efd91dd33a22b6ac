/// A terminal colour as the widgets think of it; backends downgrade it to what the
/// terminal can show (see `downgraded(to:)`), so themes can be written once in truecolour.
public enum Color: Hashable, Sendable {
    /// The terminal's own default foreground/background (SGR 39/49).
    case `default`
    /// An xterm palette index, 0…255 (0–7 basic, 8–15 bright, 16–231 cube, 232–255 greys).
    case ansi(UInt8)
    /// 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// How many colours the terminal can show, ordered from poorest to richest.
public enum ColorDepth: Int, Sendable, Comparable {
    case monochrome, ansi8, ansi16, ansi256, trueColor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Color {
    /// The closest colour representable at `depth`. `.default` is always kept.
    public func downgraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .trueColor):
            return self
        case (_, .monochrome):
            return .default
        case (.ansi(let i), .ansi256):
            return .ansi(i)
        case (.rgb(let r, let g, let b), .ansi256):
            return .ansi(Palette.nearest256(r, g, b))
        case (.ansi(let i), .ansi16) where i < 16, (.ansi(let i), .ansi8) where i < 8:
            return .ansi(i)
        case (_, .ansi16), (_, .ansi8):
            guard let (r, g, b) = rgbComponents else { return .default }
            return .ansi(Palette.nearestBasic(r, g, b, count: depth == .ansi16 ? 16 : 8))
        }
    }

    /// The colour as 24-bit components; nil for `.default`, whose value only the terminal knows.
    public var rgbComponents: (UInt8, UInt8, UInt8)? {
        switch self {
        case .default: return nil
        case .rgb(let r, let g, let b): return (r, g, b)
        case .ansi(let i): return Palette.rgb(ofIndex: i)
        }
    }
}

/// xterm's 256-colour palette, used to map truecolour down the way btop does.
enum Palette {
    /// xterm's default values for the 16 basic colours.
    static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    /// The six intensity levels of each axis of the 6×6×6 cube.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex i: UInt8) -> (UInt8, UInt8, UInt8) {
        switch i {
        case 0..<16:
            return basic[Int(i)]
        case 16..<232:
            let n = Int(i) - 16
            return (UInt8(cubeLevels[n / 36]), UInt8(cubeLevels[(n / 6) % 6]), UInt8(cubeLevels[n % 6]))
        default:
            let v = UInt8(8 + 10 * (Int(i) - 232))
            return (v, v, v)
        }
    }

    /// Nearest of the cube and the grey ramp (never the basic 16: terminals remap those).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func cubeIndex(_ v: UInt8) -> Int {
            let v = Int(v)
            return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40
        }
        let (ri, gi, bi) = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 8 + 10 * greyIndex
        let target = (Int(r), Int(g), Int(b))
        let cubeDistance = distance(target, cube)
        let greyDistance = distance(target, (grey, grey, grey))
        return greyDistance < cubeDistance ? UInt8(232 + greyIndex) : UInt8(16 + 36 * ri + 6 * gi + bi)
    }

    static func nearestBasic(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> UInt8 {
        let target = (Int(r), Int(g), Int(b))
        var best = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let c = basic[i]
            let d = distance(target, (Int(c.0), Int(c.1), Int(c.2)))
            if d < bestDistance { (best, bestDistance) = (i, d) }
        }
        return UInt8(best)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
