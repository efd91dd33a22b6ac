/// Theme sections an application adds to the toolkit's format — the dashboard's span palettes
/// and memory colours — so that its keys are checked like the toolkit's own (a typo is an
/// error with its line) and its colours come with fallbacks per colour depth.
///
/// ```swift
/// let spans = ThemeExtension(sections: ["spans": ["cpu": .colorList, "wait": .color]],
///                            defaults: "[spans]\ncpu = sky, leaf\nwait = slate\n")
/// let theme = ThemeLoader.load(named: "light", depth: .ansi256, extensions: [spans]).theme
/// theme.extensionColors("spans.cpu")
/// ```
public struct ThemeExtension: Hashable, Sendable {
    /// What a key holds.
    public enum Kind: Hashable, Sendable {
        case color, gradient, colorList, attributes

        var valueKind: ThemeValueKind {
            switch self {
            case .color: .color
            case .gradient: .gradient
            case .colorList: .colorList
            case .attributes: .attributes
            }
        }
    }

    /// Section → key → kind.
    public var sections: [String: [String: Kind]]
    /// The built-in values of every key, in theme syntax; names from the built-in theme's
    /// `[palette]` may be used.
    public var defaults: String

    public init(sections: [String: [String: Kind]], defaults: String) {
        self.sections = sections
        self.defaults = defaults
    }

    /// "section.key" for every key, sorted.
    public var allKeys: [String] {
        sections.flatMap { section, keys in keys.keys.map { "\(section).\($0)" } }.sorted()
    }
}

/// A resolved value of an extension key.
public enum ThemeExtensionValue: Hashable, Sendable {
    case color(Color)
    case colors([Color])
    case gradient(Gradient)
    case attributes(Attributes)
}

extension Theme {
    /// A colour key of an extension ("spans.transfer"); `.default` when no extension gave it.
    public func extensionColor(_ key: String) -> Color {
        if case .color(let color) = extensionValues[key] { return color }
        return .default
    }

    /// A colour-list key of an extension ("spans.cpu"); empty when no extension gave it.
    public func extensionColors(_ key: String) -> [Color] {
        if case .colors(let colors) = extensionValues[key] { return colors }
        return []
    }

    /// A gradient key of an extension; a flat `.default` gradient when no extension gave it.
    public func extensionGradient(_ key: String) -> Gradient {
        if case .gradient(let gradient) = extensionValues[key] { return gradient }
        return Gradient(stops: [.default])
    }
}
