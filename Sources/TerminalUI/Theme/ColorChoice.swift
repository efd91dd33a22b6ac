/// A theme colour with its fallbacks, e.g. `#d04848 | ansi:167 | red`: the theme author
/// decides what the colour becomes on poorer terminals instead of a blind conversion.
public struct ColorChoice: Hashable, Sendable {
    /// Alternatives in the order written, richest first by convention.
    public var alternatives: [Color]

    public init(_ alternatives: [Color]) {
        self.alternatives = alternatives
    }

    /// The first alternative the terminal can show as is; when none can, the last one
    /// converted to `depth`.
    public func resolve(for depth: ColorDepth) -> Color {
        if let fitting = alternatives.first(where: { ColorChoice.minimumDepth(of: $0) <= depth }) {
            return fitting.downgraded(to: depth)
        }
        return (alternatives.last ?? .default).downgraded(to: depth)
    }

    /// True when some alternative is written specifically for a terminal poorer than truecolour.
    public func hasExplicitAlternative(for depth: ColorDepth) -> Bool {
        alternatives.contains { ColorChoice.minimumDepth(of: $0) <= depth && $0 != .default }
    }

    /// The poorest depth that shows `color` unchanged.
    public static func minimumDepth(of color: Color) -> ColorDepth {
        switch color {
        case .default: return .monochrome
        case .ansi(let i) where i < 8: return .ansi8
        case .ansi(let i) where i < 16: return .ansi16
        case .ansi: return .ansi256
        case .rgb: return .trueColor
        }
    }
}

/// Parses colour values of theme files.
enum ColorSyntax {
    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `a | b | c`, each a colour token or a palette name (which expands to its alternatives).
    static func parseChoice(_ text: String, palette: [String: ColorChoice]) -> Result<ColorChoice, ThemeParseFailure> {
        var alternatives: [Color] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            let token = part.trimmingSpaces()
            guard !token.isEmpty else { return .failure(.init("empty alternative in '\(text)'")) }
            if let color = parseToken(token) {
                alternatives.append(color)
            } else if let named = palette[token] {
                alternatives.append(contentsOf: named.alternatives)
            } else if token.hasPrefix("#") || token.hasPrefix("ansi:") || token.first?.isNumber == true {
                return .failure(.init("invalid colour '\(token)'"))
            } else {
                return .failure(.init("unknown colour or palette name '\(token)'"))
            }
        }
        return .success(ColorChoice(alternatives))
    }

    /// `#rrggbb`, `ansi:N` or bare `N` (0–255), a basic name, `bright-NAME`, or `default`.
    static func parseToken(_ token: String) -> Color? {
        if token == "default" { return .default }
        if token.hasPrefix("#") { return parseHex(token.dropFirst()) }
        if token.hasPrefix("ansi:") { return UInt8(token.dropFirst(5)).map { Color.ansi($0) } }
        if let n = UInt8(token) { return .ansi(n) }
        if let i = basicNames.firstIndex(of: token) { return .ansi(UInt8(i)) }
        if token.hasPrefix("bright-"), let i = basicNames.firstIndex(of: String(token.dropFirst(7))) {
            return .ansi(UInt8(8 + i))
        }
        return nil
    }

    static func parseHex(_ digits: Substring) -> Color? {
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else {
            return nil
        }
        return .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }
}

/// A value-level parse error; the caller adds file and line.
struct ThemeParseFailure: Error, Hashable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (no Foundation needed).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
