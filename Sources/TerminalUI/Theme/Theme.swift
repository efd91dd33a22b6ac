/// Colours and attributes for every panel, resolved for one colour depth.
///
/// Build one with `ThemeLoader` (from a file) or use `Theme.builtin(depth:)`. Every field
/// is always set: a file may leave keys out and gets the built-in default's values there.
public struct Theme: Hashable, Sendable {
    public enum Variant: String, Hashable, Sendable { case dark, light }

    public var name: String
    public var variant: Variant
    /// The depth the colours were chosen for.
    public var depth: ColorDepth

    // [ui]
    public var background: Color
    public var foreground: Color
    public var title: Color
    public var titleAttributes: Attributes
    public var border: Color
    public var borderFocused: Color
    public var selectedBackground: Color
    public var selectedForeground: Color
    public var selectedAttributes: Attributes
    public var hintKey: Color
    public var hintKeyAttributes: Attributes
    public var hintText: Color
    public var inactive: Color
    public var popupBackground: Color
    public var ok: Color
    public var warning: Color
    public var error: Color

    // [graph]
    public var cpuGradient: Gradient
    public var gpuGradient: Gradient
    public var latencyGradient: Gradient
    public var memoryGradient: Gradient
    public var graphAxis: Color
    public var graphSeries: [Color]

    /// Values of the sections applications added (see `ThemeExtension`), by "section.key".
    public var extensionValues: [String: ThemeExtensionValue]
}

extension Theme {
    public var baseStyle: Style { Style(fg: foreground, bg: background) }
    public var titleStyle: Style { Style(fg: title, bg: background, attributes: titleAttributes) }
    public func borderStyle(focused: Bool) -> Style { Style(fg: focused ? borderFocused : border, bg: background) }
    public var selectedStyle: Style {
        Style(fg: selectedForeground, bg: selectedBackground, attributes: selectedAttributes)
    }
    public var hintKeyStyle: Style { Style(fg: hintKey, bg: background, attributes: hintKeyAttributes) }
    public var hintTextStyle: Style { Style(fg: hintText, bg: background) }
    public var inactiveStyle: Style { Style(fg: inactive, bg: background) }
    public var popupStyle: Style { Style(fg: foreground, bg: popupBackground) }
}
