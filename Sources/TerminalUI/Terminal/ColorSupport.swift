/// Decides how many colours to draw with and turns `Color`s into curses colour numbers.
///
/// Two inputs matter: what the user's environment says (`NO_COLOR`, `COLORTERM`) and what
/// ncurses can address for this `TERM` (`COLORS`, the `RGB` flag of direct-colour entries).
/// Truecolour is only drawn as 24-bit when both agree; otherwise RGB is mapped to the nearest
/// palette entry. Redefining palette slots (`init_extended_color`) is deliberately not used:
/// it recolours every cell already using that slot, and xterm keeps the change after exit
/// on terminals without a working `oc` reset.
public enum ColorSupport {
    /// The depth to render with.
    /// - Parameters:
    ///   - environment: process environment (injected for tests).
    ///   - terminalColors: curses `COLORS` (0 when `has_colors()` is false).
    ///   - directColor: the terminfo entry has the `RGB` flag (e.g. `xterm-direct`), so colour
    ///     numbers are packed 0xRRGGBB.
    public static func depth(
        environment: [String: String], terminalColors: Int, directColor: Bool = false
    ) -> ColorDepth {
        // https://no-color.org: present and non-empty disables colour; attributes still apply.
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let addressable = curses(colors: terminalColors, directColor: directColor)
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" {
            // The terminal can do 24-bit; we still cannot say it through a 256-colour entry.
            return addressable == .trueColor ? .trueColor : min(addressable, .ansi256)
        }
        // Without COLORTERM a direct-colour terminfo entry is trusted (the user picked it).
        return addressable
    }

    /// What curses can address for a `TERM`.
    static func curses(colors: Int, directColor: Bool) -> ColorDepth {
        if directColor && colors >= 1 << 24 { return .trueColor }
        switch colors {
        case 256...: return .ansi256
        case 16..<256: return .ansi16
        case 8..<16: return .ansi8
        default: return .monochrome
        }
    }

    /// The curses colour number for `color` at `depth`: -1 for the terminal default, a palette
    /// index, or packed 0xRRGGBB on direct-colour terminals.
    static func cursesNumber(_ color: Color, depth: ColorDepth) -> Int32 {
        switch color.downgraded(to: depth) {
        case .default:
            return -1
        case .ansi(let index):
            guard depth == .trueColor, index >= 8, let (r, g, b) = color.rgbComponents else {
                return Int32(index)
            }
            // Direct-colour entries only keep 0…7 as palette colours; above that a number is RGB.
            return packed(r, g, b)
        case .rgb(let r, let g, let b):
            return packed(r, g, b)
        }
    }

    /// 0xRRGGBB, never below 8: direct-colour terminfo treats 0…7 as ANSI palette indices, so
    /// rgb(0,0,7) would come out as white.
    private static func packed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
    }
}
