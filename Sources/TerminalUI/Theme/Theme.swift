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

    // [spans]
    public var cpuSpans: [Color]
    public var gpuSpans: [Color]
    public var spanText: Color
    public var transfer: Color
    public var wait: Color
    public var marker: Color
    public var arrow: Color

    // [memory]
    public var memoryActive: Color
    public var memoryCached: Color
    public var memoryPeak: Color
    public var memoryFree: Color
}

/// Which span palette an op uses.
public enum SpanDevice: Hashable, Sendable {
    case cpu, gpu
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

    /// Style of a span for the op `name`: the palette entry is picked by a stable hash of
    /// the name, so an op keeps its colour across frames and runs. On a terminal without
    /// colour the span is drawn reversed so it still stands out.
    public func spanStyle(device: SpanDevice, name: String) -> Style {
        let palette = device == .cpu ? cpuSpans : gpuSpans
        let color = palette.isEmpty ? Color.default : palette[Int(Theme.stableHash(name) % UInt64(palette.count))]
        return Style(fg: spanText, bg: color, attributes: color == .default ? .reverse : [])
    }

    /// FNV-1a: unlike `Hasher`, not seeded per process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
