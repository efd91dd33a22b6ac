/// A value of a theme key, checked and with palette names expanded, not yet chosen for a
/// colour depth.
enum ThemeValue: Hashable, Sendable {
    case color(ColorChoice)
    case gradient([ColorChoice])
    case colorList([ColorChoice])
    case attributes(Attributes)
    case text(String)
}

/// A parsed theme file: `[section]` headers, `key = value` lines, `#` comments.
///
/// Parsing never stops at the first problem: every bad line is reported, so a user fixes a
/// file in one pass.
struct ThemeDocument: Sendable {
    /// Values by "section.key".
    var values: [String: ThemeValue] = [:]
    var errors: [ThemeError] = []

    init(parsing text: String, file: String, extensions: [ThemeExtension] = []) {
        // nil before the first header; "" after a bad header, whose keys are skipped
        // silently (the header was already reported once).
        var section: String? = nil
        var rawPalette: [(name: String, value: String, line: Int)] = []
        var rawEntries: [(section: String, key: String, value: String, line: Int)] = []
        var seen: [String: Int] = [:]

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = ThemeDocument.stripComment(rawLine).trimmingSpaces()
            func fail(_ message: String) { errors.append(ThemeError(file: file, line: line, message: message)) }
            if content.isEmpty { continue }
            if content.hasPrefix("[") {
                guard content.hasSuffix("]"), content.count > 2 else {
                    fail("malformed section header '\(content)'")
                    section = ""
                    continue
                }
                let name = String(content.dropFirst().dropLast()).trimmingSpaces()
                if ThemeSchema.isSection(name, extensions: extensions) {
                    section = name
                } else {
                    fail("unknown section [\(name)]")
                    section = ""
                }
                continue
            }
            guard let equals = content.firstIndex(of: "=") else {
                fail("expected 'key = value' or '[section]', found '\(content)'")
                continue
            }
            let key = content[..<equals].trimmingSpaces()
            let value = content[content.index(after: equals)...].trimmingSpaces()
            guard !key.isEmpty, ThemeDocument.isIdentifier(key) else { fail("invalid key '\(key)'"); continue }
            guard let section else {
                fail("'\(key)' appears before any [section]")
                continue
            }
            if section.isEmpty { continue }
            let fullKey = "\(section).\(key)"
            if let first = seen[fullKey] { fail("duplicate key '\(key)' in [\(section)] (first set on line \(first))"); continue }
            seen[fullKey] = line
            if section == ThemeSchema.paletteSection {
                rawPalette.append((key, value, line))
            } else if ThemeSchema.kind(section: section, key: key, extensions: extensions) == nil {
                fail("unknown key '\(key)' in [\(section)]")
            } else {
                rawEntries.append((section, key, value, line))
            }
        }

        var palette: [String: ColorChoice] = [:]
        for entry in rawPalette {
            switch ColorSyntax.parseChoice(entry.value, palette: [:]) {
            case .success(let choice): palette[entry.name] = choice
            case .failure(let failure):
                errors.append(ThemeError(file: file, line: entry.line, message: "palette '\(entry.name)': \(failure.message)"))
            }
        }
        for entry in rawEntries {
            let kind = ThemeSchema.kind(section: entry.section, key: entry.key, extensions: extensions)!
            switch ThemeDocument.parseValue(entry.value, kind: kind, palette: palette) {
            case .success(let value): values["\(entry.section).\(entry.key)"] = value
            case .failure(let failure):
                errors.append(ThemeError(file: file, line: entry.line, message: "\(entry.section).\(entry.key): \(failure.message)"))
            }
        }
        errors.sort { $0.line < $1.line }
    }

    /// Drops a `#` comment. A `#` begins a hex colour instead when the last non-space
    /// character before it is `=`, `|` or `,` (so `bg = #102030  # dark` keeps the colour).
    static func stripComment(_ line: Substring) -> Substring {
        var lastNonSpace: Character? = nil
        for index in line.indices {
            let c = line[index]
            if c == "#" && !(lastNonSpace.map { "=|,".contains($0) } ?? false) {
                return line[..<index]
            }
            if c != " " && c != "\t" { lastNonSpace = c }
        }
        return line
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    static func parseValue(_ text: String, kind: ThemeValueKind, palette: [String: ColorChoice])
        -> Result<ThemeValue, ThemeParseFailure>
    {
        switch kind {
        case .color:
            return ColorSyntax.parseChoice(text, palette: palette).map { .color($0) }
        case .gradient, .colorList:
            var choices: [ColorChoice] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                switch ColorSyntax.parseChoice(part.trimmingSpaces(), palette: palette) {
                case .success(let choice): choices.append(choice)
                case .failure(let failure): return .failure(failure)
                }
            }
            // A lone `default` stop makes a flat, colourless gradient; between other stops
            // it has no RGB value to interpolate.
            if kind == .gradient, choices.count > 1, choices.contains(where: { $0.alternatives.first == .default }) {
                return .failure(.init("'default' can only be a gradient's single stop"))
            }
            return .success(kind == .gradient ? .gradient(choices) : .colorList(choices))
        case .attributes:
            return parseAttributes(text).map { .attributes($0) }
        case .text(let allowed):
            if let allowed, !allowed.contains(text) {
                return .failure(.init("expected one of \(allowed.joined(separator: ", ")), found '\(text)'"))
            }
            return .success(.text(text))
        }
    }

    static func parseAttributes(_ text: String) -> Result<Attributes, ThemeParseFailure> {
        if text == "none" { return .success([]) }
        let names: [String: Attributes] = [
            "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse,
        ]
        var result: Attributes = []
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            guard let attribute = names[part.trimmingSpaces()] else {
                return .failure(.init("unknown attribute '\(part.trimmingSpaces())' (bold, dim, italic, underline, reverse or none)"))
            }
            result.insert(attribute)
        }
        return .success(result)
    }
}
