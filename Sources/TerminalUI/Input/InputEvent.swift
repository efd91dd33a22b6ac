/// A key press after the terminal layer has decoded escape sequences.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case enter, escape, backspace, delete, tab, backTab
    case home, end, pageUp, pageDown
    /// F1…F12 as 1…12.
    case function(Int)
    /// Ctrl plus a letter, lower-cased (`.ctrl("c")`).
    case ctrl(Character)
}

public enum MouseButton: Sendable, Hashable {
    case left, middle, right
}

public enum MouseKind: Hashable, Sendable {
    case press(MouseButton)
    case release
    case wheelUp
    case wheelDown
}

/// A mouse event in zero-based screen cells.
public struct MouseEvent: Hashable, Sendable {
    public let x: Int
    public let y: Int
    public let kind: MouseKind

    public init(x: Int, y: Int, kind: MouseKind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

/// Everything the UI reacts to.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}
