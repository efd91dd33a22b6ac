/// The `/` filter of a list: a small state machine fed with key events.
///
/// `/` starts editing, characters append, Backspace deletes (and leaves editing when the
/// query is already empty), Esc clears the filter, Enter keeps the query and stops editing.
/// Matching is a case-insensitive substring test.
public struct FilterState: Hashable, Sendable {
    public private(set) var query: String
    public private(set) var isEditing: Bool

    public init(query: String = "", isEditing: Bool = false) {
        self.query = query
        self.isEditing = isEditing
    }

    /// True when a non-empty query is restricting the list.
    public var isActive: Bool { !query.isEmpty }

    /// Feeds one key. Returns true when the key was consumed, so the caller must not also
    /// treat it as navigation (typing "q" into the filter must not quit).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        guard isEditing else {
            if key == .char("/") {
                isEditing = true
                return true
            }
            if key == .escape && isActive {
                query = ""
                return true
            }
            return false
        }
        switch key {
        case .char(let c):
            query.append(c)
        case .backspace:
            if query.isEmpty { isEditing = false } else { query.removeLast() }
        case .escape:
            query = ""
            isEditing = false
        case .enter:
            isEditing = false
        default:
            return false
        }
        return true
    }

    public func matches(_ text: String) -> Bool {
        query.isEmpty || text.lowercased().contains(query.lowercased())
    }

    /// Indices of `items` that match, in order.
    public func filteredIndices(_ items: [String]) -> [Int] {
        items.indices.filter { matches(items[$0]) }
    }
}
