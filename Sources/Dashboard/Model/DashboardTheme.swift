import TerminalUI

/// The theme keys the dashboard reads, declared to the toolkit's theme format: span palettes
/// per device kind, span text, transfers, waits, markers and arrows (`[spans]`), and memory
/// colours (`[memory]`). Theme files carry these sections after the toolkit's own;
/// `themes/default.theme` is the toolkit's built-in text followed by `defaults`.
public enum DashboardTheme {
    public static let defaults = #"""
[spans]
# Timeline span backgrounds, cycled by op name (the same op keeps its colour).
cpu      = #2f6f8f | ansi:31 | blue, #3f7f5f | ansi:65 | green, #6f5f9f | ansi:61 | magenta, #7f6f3f | ansi:94 | yellow
gpu      = #8f3f5f | ansi:89 | red, #9f5f2f | ansi:130 | yellow, #5f4f9f | ansi:61 | magenta, #2f7f7f | ansi:30 | cyan
# Text of span labels (drawn over the span colour).
text     = #f0f0f0 | ansi:255 | bright-white
# Host↔device copies, waits on events, instant markers, dependency arrows.
transfer = teal
wait     = #5c6370 | ansi:241 | bright-black
marker   = sun
arrow    = #e5c07b | ansi:180 | yellow

[memory]
# Memory panel: bytes in live tensors, cached in the pool, the high-water mark, free.
active = sky
cached = plum
peak   = ember
free   = slate
"""#

    public static let `extension` = ThemeExtension(
        sections: [
            "spans": [
                "cpu": .colorList, "gpu": .colorList, "text": .color,
                "transfer": .color, "wait": .color, "marker": .color, "arrow": .color,
            ],
            "memory": ["active": .color, "cached": .color, "peak": .color, "free": .color],
        ],
        defaults: defaults)

    /// The built-in theme with the dashboard's defaults.
    public static func builtin(depth: ColorDepth = .trueColor) -> Theme {
        Theme.builtin(depth: depth, extensions: [`extension`])
    }
}
