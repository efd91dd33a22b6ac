import TerminalUI

/// The dashboard's own colour roles (span palettes per device kind, transfers, waits, arrows,
/// memory series), read from the theme sections `DashboardTheme` declares, on top of the
/// toolkit's general `Theme`.
public struct DashboardPalette: Sendable {
    public var theme: Theme
    public var cpuSpans: [Color]
    public var gpuSpans: [Color]
    public var spanText: Color
    public var transfer: Color
    public var wait: Color
    public var marker: Color
    public var arrow: Color
    public var memoryActive: Color
    public var memoryCached: Color
    public var memoryPeak: Color

    /// `theme` should be loaded with `DashboardTheme.extension`; keys it lacks read as the
    /// terminal's default colour.
    public init(theme: Theme) {
        self.theme = theme
        cpuSpans = theme.extensionColors("spans.cpu")
        gpuSpans = theme.extensionColors("spans.gpu")
        spanText = theme.extensionColor("spans.text")
        transfer = theme.extensionColor("spans.transfer")
        wait = theme.extensionColor("spans.wait")
        marker = theme.extensionColor("spans.marker")
        arrow = theme.extensionColor("spans.arrow")
        memoryActive = theme.extensionColor("memory.active")
        memoryCached = theme.extensionColor("memory.cached")
        memoryPeak = theme.extensionColor("memory.peak")
    }

    /// The built-in theme's palette.
    public static func builtin(depth: ColorDepth = .trueColor) -> DashboardPalette {
        DashboardPalette(theme: DashboardTheme.builtin(depth: depth))
    }

    /// An op's colour: by a stable hash of its name within its device's palette, so an op keeps
    /// its colour across frames and runs; `byDevice` gives every op of a device one colour.
    public func spanStyle(device: DeviceKind, name: String, byDevice: Bool = false) -> Style {
        let palette = device == .cpu ? cpuSpans : gpuSpans
        guard !palette.isEmpty else { return Style(fg: spanText, attributes: .reverse) }
        let index = byDevice ? 0 : Int(DashboardPalette.stableHash(name) % UInt64(palette.count))
        let color = palette[index]
        return Style(fg: spanText, bg: color, attributes: color == .default ? .reverse : [])
    }

    public var transferStyle: Style { Style(fg: spanText, bg: transfer, attributes: transfer == .default ? .reverse : []) }
    public var waitStyle: Style { Style(fg: theme.foreground, bg: wait, attributes: wait == .default ? .dim : []) }
    public var arrowStyle: Style { Style(fg: arrow, bg: theme.background, attributes: .bold) }
    public var markerStyle: Style { Style(fg: marker, bg: theme.background, attributes: .bold) }

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
