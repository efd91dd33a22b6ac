/// Width-aware string helpers shared by the widgets. All widths are terminal columns.
public enum TextMeasure {
    public static let ellipsis = "…"

    /// `text` cut to at most `width` columns, ending in "…" when something was cut. Never
    /// splits a wide character: if it would straddle the limit it is dropped.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if CharacterWidth.of(text) <= width { return text }
        return prefix(text, width: width - 1) + ellipsis
    }

    /// The longest prefix of `text` that fits in `width` columns.
    public static func prefix(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let w = CharacterWidth.of(character)
            if used + w > width { break }
            result.append(character)
            used += w
        }
        return result
    }

    /// Greedy word wrap to `width` columns: breaks at spaces, hard-breaks words longer than
    /// a line, keeps explicit newlines. Leading spaces of wrapped lines are dropped.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: wrapParagraph(String(paragraph), width: width))
        }
        return lines
    }

    static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var wordWidth = CharacterWidth.of(word)
            let needed = lineWidth == 0 ? wordWidth : lineWidth + 1 + wordWidth
            if needed <= width {
                line += lineWidth == 0 ? word : " " + word
                lineWidth = needed
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                (line, lineWidth) = ("", 0)
            }
            // Hard-break a word that cannot fit on a line of its own.
            while wordWidth > width {
                var head = prefix(word, width: width)
                if head.isEmpty { head = String(word.first!) }  // a wide char in a 1-column line
                lines.append(head)
                word.removeFirst(head.count)
                wordWidth = CharacterWidth.of(word)
            }
            (line, lineWidth) = (word, wordWidth)
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` padded with spaces (or truncated) to exactly `width` columns, aligned.
    public static func fit(_ text: String, width: Int, alignment: Alignment = .left) -> String {
        let cut = truncate(text, to: width)
        let w = CharacterWidth.of(cut)
        let left = alignment.offset(textWidth: w, in: width)
        return String(repeating: " ", count: left) + cut + String(repeating: " ", count: max(0, width - w - left))
    }
}
