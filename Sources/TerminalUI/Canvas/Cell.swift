/// One terminal column on one row.
///
/// A wide grapheme occupies two cells: the leading cell holds it with `width == 2`, the
/// trailing one is a placeholder (`grapheme == ""`, `width == 0`) so that column arithmetic
/// stays simple and a diff never emits half a character.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster; "" for the trailing half of a wide character.
    public var grapheme: String
    /// 1, 2, or 0 for the trailing half of a wide character.
    public var width: UInt8
    public var style: Style

    public init(grapheme: String, width: UInt8 = 1, style: Style = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    /// A space in the default style.
    public static let blank = Cell(grapheme: " ", width: 1, style: .plain)

    /// True for the placeholder right of a wide character.
    public var isTrailingHalf: Bool { width == 0 }
}
