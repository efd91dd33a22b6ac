/// One editable field of a form.
public struct FormField: Sendable {
    public var label: String
    /// The field's text; setting it keeps the cursor inside.
    public var text: String {
        didSet { cursor = min(cursor, text.count) }
    }
    /// Cursor position in characters, 0…text.count.
    public var cursor: Int
    /// Returns an error message for invalid text, nil when valid.
    public var validate: @Sendable (String) -> String?
    /// Set once the user edits the field; errors are shown only after that (or a submit).
    public var touched: Bool

    public init(label: String, text: String = "", validate: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.label = label
        self.text = text
        cursor = text.count
        self.validate = validate
        touched = false
    }

    public var error: String? { validate(text) }

    mutating func insert(_ c: Character) {
        cursor = min(max(0, cursor), text.count)  // the cursor is public and may be stale
        text.insert(c, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += 1
        touched = true
    }

    mutating func deleteBackward() {
        cursor = min(max(0, cursor), text.count)  // the cursor is public and may be stale
        guard cursor > 0 else { return }
        // Move the cursor first: `text`'s didSet clamps it, which would otherwise step it twice.
        cursor -= 1
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        touched = true
    }

    mutating func deleteForward() {
        cursor = min(max(0, cursor), text.count)  // the cursor is public and may be stale
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        touched = true
    }
}

/// What a key did to a form.
public enum FormEvent: Hashable, Sendable {
    case none
    /// Enter with every field valid; the texts in field order.
    case submitted([String])
    /// Enter with invalid fields: focus moved to the first one.
    case rejected
    case cancelled
}

/// Editing state of a small form: focus, cursors, texts and validation.
public struct FormState: Sendable {
    public var fields: [FormField]
    public var focus: Int
    /// After a rejected submit every field shows its error, touched or not.
    public private(set) var submitAttempted: Bool

    public init(fields: [FormField]) {
        self.fields = fields
        focus = 0
        submitAttempted = false
    }

    public var isValid: Bool { fields.allSatisfy { $0.error == nil } }

    /// The message to show under field i, if any.
    public func visibleError(_ i: Int) -> String? {
        guard fields[i].touched || submitAttempted else { return nil }
        return fields[i].error
    }

    @discardableResult
    public mutating func handle(_ key: Key) -> FormEvent {
        guard !fields.isEmpty else { return key == .escape ? .cancelled : .none }
        switch key {
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        case .left: fields[focus].cursor = max(0, fields[focus].cursor - 1)
        case .right: fields[focus].cursor = min(fields[focus].text.count, fields[focus].cursor + 1)
        case .home: fields[focus].cursor = 0
        case .end: fields[focus].cursor = fields[focus].text.count
        case .backspace: fields[focus].deleteBackward()
        case .delete: fields[focus].deleteForward()
        case .char(let c): fields[focus].insert(c)
        case .escape: return .cancelled
        case .enter:
            if let firstInvalid = fields.firstIndex(where: { $0.error != nil }) {
                submitAttempted = true
                focus = firstInvalid
                return .rejected
            }
            return .submitted(fields.map(\.text))
        default: break
        }
        return .none
    }
}
