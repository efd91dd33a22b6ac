/// The kinds of values a theme key takes.
enum ThemeValueKind: Hashable, Sendable {
    /// One colour with `|` fallbacks.
    case color
    /// Comma-separated stops, each a colour with fallbacks; precomputed to 101 entries.
    case gradient
    /// Comma-separated colours, cycled (span palettes, graph series).
    case colorList
    /// `bold+underline`, or `none`.
    case attributes
    /// Free text, or one of the listed words when `allowed` is non-nil.
    case text(allowed: [String]?)
}

/// Every section and key the toolkit's theme contains (applications add theirs with
/// `ThemeExtension`). Anything else is an error, so a typo never silently does nothing. `[palette]` is special: any identifier may be defined there.
enum ThemeSchema {
    static let paletteSection = "palette"

    static let sections: [String: [String: ThemeValueKind]] = [
        "meta": ["name": .text(allowed: nil), "variant": .text(allowed: ["dark", "light"])],
        "ui": [
            "bg": .color, "fg": .color, "title": .color, "title_attr": .attributes,
            "border": .color, "border_focused": .color,
            "selected_bg": .color, "selected_fg": .color, "selected_attr": .attributes,
            "hint_key": .color, "hint_key_attr": .attributes, "hint_text": .color,
            "inactive": .color, "popup_bg": .color, "ok": .color, "warning": .color, "error": .color,
        ],
        "graph": [
            "cpu": .gradient, "gpu": .gradient, "latency": .gradient, "memory": .gradient,
            "axis": .color, "series": .colorList,
        ],
    ]

    static func kind(section: String, key: String, extensions: [ThemeExtension] = []) -> ThemeValueKind? {
        if let kind = sections[section]?[key] { return kind }
        for e in extensions { if let kind = e.sections[section]?[key] { return kind.valueKind } }
        return nil
    }

    static func isSection(_ name: String, extensions: [ThemeExtension]) -> Bool {
        name == paletteSection || sections[name] != nil || extensions.contains { $0.sections[name] != nil }
    }

    /// "section.key" for every key, sorted: the keys the built-in theme must define.
    static var allKeys: [String] {
        sections.flatMap { section, keys in keys.keys.map { "\(section).\($0)" } }.sorted()
    }
}
