/// One terminal column on one row.
///
/// A wide grapheme occupies two cells: the leading cell holds it with `width == 2`, the
/// trailing one is a placeholder (`grapheme == ""`, `width == 0`) so that column arithmetic
/// stays simple and a diff never emits half a character.
public struct Cell: Hashable, Sendable {
    /// The text, stored inline (see `Glyph`) so cells copy and compare without allocation.
    public var glyph: Glyph
    /// 1, 2, or 0 for the trailing half of a wide character.
    public var width: UInt8
    public var style: Style

    /// One grapheme cluster; "" for the trailing half of a wide character.
    public var grapheme: String {
        get { glyph.string }
        set { glyph = Glyph(newValue) }
    }

    public init(grapheme: String, width: UInt8 = 1, style: Style = .plain) {
        self.init(glyph: Glyph(grapheme), width: width, style: style)
    }

    public init(glyph: Glyph, width: UInt8 = 1, style: Style = .plain) {
        self.glyph = glyph
        self.width = width
        self.style = style
    }

    /// A space in the default style.
    public static let blank = Cell(glyph: Glyph(ascii: 0x20), width: 1, style: .plain)

    /// True for the placeholder right of a wide character.
    public var isTrailingHalf: Bool { width == 0 }
}

extension Cell: CustomStringConvertible {
    public var description: String { "Cell(\"\(grapheme)\", w\(width), \(style))" }
}
