/// Text attributes a cell can carry (SGR 1, 2, 3, 4, 7).
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
}

/// Everything about how a cell looks except its text.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// The terminal's defaults: what a cleared screen looks like.
    public static let plain = Style()

    /// A copy with the given foreground.
    public func fg(_ color: Color) -> Style { var s = self; s.fg = color; return s }
    /// A copy with the given background.
    public func bg(_ color: Color) -> Style { var s = self; s.bg = color; return s }
    /// A copy with `attributes` added.
    public func adding(_ attributes: Attributes) -> Style {
        var s = self; s.attributes.formUnion(attributes); return s
    }
}
