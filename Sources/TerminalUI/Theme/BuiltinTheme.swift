/// The built-in default theme: used when no theme file is found or a file has errors.
///
/// This is the start of `themes/default.theme` (the rest holds applications' sections, see
/// `ThemeExtension`), embedded so the executable works without its data files; `ThemeTests`
/// checks the file begins with it.
extension Theme {
    public static let builtinSource = #"""
# streamtop default theme: dark background, btop-like greens to reds for load.
# This file is also compiled into streamtop as the built-in fallback; keep the two
# identical (a test compares them). Format: see themes/README.md.

[meta]
name = default
# dark or light: tells the dashboard which way "dim" goes.
variant = dark

[palette]
# Named colours used below. Each value lists fallbacks for poorer terminals:
# truecolour | 256-colour index | 16/8-colour name.
ink        = #d8dee9 | ansi:253 | white
ink_dim    = #7a8290 | ansi:245 | bright-black
night      = #16181d | ansi:234 | default
slate      = #3b4252 | ansi:238 | bright-black
sky        = #5fafff | ansi:75  | bright-blue
leaf       = #5fd75f | ansi:77  | green
sun        = #ffd75f | ansi:221 | yellow
ember      = #ff5f5f | ansi:203 | red
plum       = #c678dd | ansi:176 | magenta
teal       = #56b6c2 | ansi:73  | cyan

[ui]
# Main background; "default" keeps the terminal's own (for transparent terminals).
bg             = default
# Normal text.
fg             = ink
# Panel titles, drawn on the top border.
title          = #eceff4 | ansi:255 | bright-white
title_attr     = bold
# Panel borders, and the border of the panel with keyboard focus.
border         = slate
border_focused = sky
# The selected row of tables and menus.
selected_bg    = #2e4a6b | ansi:24 | blue
selected_fg    = #ffffff | ansi:231 | bright-white
selected_attr  = bold
# Key letters in the status bar and help ("q" in "q quit"), and their descriptions.
hint_key       = sun
hint_key_attr  = bold
hint_text      = ink_dim
# Paused panels, disabled items, axis labels of inactive graphs.
inactive       = ink_dim
# Background of popups (help, forms).
popup_bg       = #242933 | ansi:235 | default
# Status colours: success, attention, failure.
ok             = leaf
warning        = sun
error          = ember

[graph]
# Gradients run from 0 % (first stop) to 100 % (last stop) and are precomputed
# to 101 entries; graphs colour rows or cells by value.
cpu     = #3a6f5f | ansi:29 | green, #c0b060 | ansi:143 | yellow, #d04848 | ansi:167 | red
gpu     = #3b5fa0 | ansi:61 | blue, #8f6fd0 | ansi:98 | magenta, #e05aa0 | ansi:169 | bright-magenta
latency = #4fb0a0 | ansi:73 | cyan, #e0c060 | ansi:179 | yellow, #e06050 | ansi:167 | red
memory  = #4a7fc0 | ansi:68 | blue, #70c070 | ansi:71 | green
# Axis labels and scale text.
axis    = ink_dim
# Colours of several series in one graph, in drawing order (cycled).
series  = sky, sun, plum, teal, leaf, ember
"""#

    /// The built-in theme's checked values, parsed once.
    static let builtinValues: [String: ThemeValue] = ThemeDocument(parsing: builtinSource, file: "<built-in>").values

    /// The built-in values with the extensions' defaults (which may use the built-in palette).
    static func builtinValues(extensions: [ThemeExtension]) -> [String: ThemeValue] {
        guard !extensions.isEmpty else { return builtinValues }
        let text = builtinSource + "\n" + extensions.map(\.defaults).joined(separator: "\n")
        return ThemeDocument(parsing: text, file: "<built-in>", extensions: extensions).values
    }

    /// The built-in default theme for `depth`, with the extensions' default values.
    public static func builtin(depth: ColorDepth = .trueColor, extensions: [ThemeExtension] = []) -> Theme {
        ThemeResolver.theme(from: builtinValues(extensions: extensions), depth: depth, extensions: extensions)
    }
}
