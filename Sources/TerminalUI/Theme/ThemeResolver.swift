/// Turns checked theme values into a `Theme` for one colour depth.
enum ThemeResolver {
    /// `values` must define every key of `ThemeSchema` (the built-in theme does, and file
    /// values are laid over it).
    static func theme(from values: [String: ThemeValue], depth: ColorDepth, extensions: [ThemeExtension] = []) -> Theme {
        func color(_ key: String) -> Color {
            guard case .color(let choice) = values[key] else { preconditionFailure("theme key \(key) missing") }
            return choice.resolve(for: depth)
        }
        func list(_ key: String) -> [Color] {
            guard case .colorList(let choices) = values[key] else { preconditionFailure("theme key \(key) missing") }
            return choices.map { $0.resolve(for: depth) }
        }
        func gradient(_ key: String) -> Gradient {
            guard case .gradient(let stops) = values[key] else { preconditionFailure("theme key \(key) missing") }
            return resolveGradient(stops, depth: depth)
        }
        func attributes(_ key: String) -> Attributes {
            guard case .attributes(let a) = values[key] else { preconditionFailure("theme key \(key) missing") }
            return a
        }
        func text(_ key: String) -> String {
            guard case .text(let t) = values[key] else { preconditionFailure("theme key \(key) missing") }
            return t
        }
        return Theme(
            name: text("meta.name"), variant: Theme.Variant(rawValue: text("meta.variant")) ?? .dark, depth: depth,
            background: color("ui.bg"), foreground: color("ui.fg"), title: color("ui.title"),
            titleAttributes: attributes("ui.title_attr"), border: color("ui.border"),
            borderFocused: color("ui.border_focused"), selectedBackground: color("ui.selected_bg"),
            selectedForeground: color("ui.selected_fg"), selectedAttributes: attributes("ui.selected_attr"),
            hintKey: color("ui.hint_key"), hintKeyAttributes: attributes("ui.hint_key_attr"),
            hintText: color("ui.hint_text"), inactive: color("ui.inactive"), popupBackground: color("ui.popup_bg"),
            ok: color("ui.ok"), warning: color("ui.warning"), error: color("ui.error"),
            cpuGradient: gradient("graph.cpu"), gpuGradient: gradient("graph.gpu"),
            latencyGradient: gradient("graph.latency"), memoryGradient: gradient("graph.memory"),
            graphAxis: color("graph.axis"), graphSeries: list("graph.series"),
            extensionValues: extensionValues(values, depth: depth, extensions: extensions))
    }

    static func extensionValues(_ values: [String: ThemeValue], depth: ColorDepth, extensions: [ThemeExtension])
        -> [String: ThemeExtensionValue]
    {
        var result: [String: ThemeExtensionValue] = [:]
        for key in extensions.flatMap(\.allKeys) {
            switch values[key] {
            case .color(let choice): result[key] = .color(choice.resolve(for: depth))
            case .colorList(let choices): result[key] = .colors(choices.map { $0.resolve(for: depth) })
            case .gradient(let stops): result[key] = .gradient(resolveGradient(stops, depth: depth))
            case .attributes(let a): result[key] = .attributes(a)
            case .text, nil: break
            }
        }
        return result
    }

    /// In truecolour, or when no stop names a colour for this depth, stops are interpolated
    /// in RGB and each entry converted down. When the author gave explicit fallbacks for
    /// this depth, the table is made of flat bands of those colours (btop's TTY theme does
    /// the same), since interpolating between palette indices means nothing.
    static func resolveGradient(_ stops: [ColorChoice], depth: ColorDepth) -> Gradient {
        let explicit = depth < .trueColor && stops.contains { $0.hasExplicitAlternative(for: depth) }
        guard explicit else {
            return Gradient(stops: stops.map { $0.alternatives.first ?? .default }).downgraded(to: depth)
        }
        let resolved = stops.map { $0.resolve(for: depth) }
        return Gradient(bands: resolved)
    }
}

extension Gradient {
    /// A stepped table: entry i takes the stop nearest to i percent.
    init(bands: [Color]) {
        guard bands.count > 1 else {
            self.init(stops: bands)
            return
        }
        let segments = bands.count - 1
        self.init(stops: bands, table: (0...100).map { bands[($0 * segments + 50) / 100] })
    }
}
