/// Maps what `wget_wch` returns to `Key`s: a table, kept free of curses calls so it can be
/// tested without a terminal.
enum KeyDecoder {
    /// A character read with `OK` (plain text and control bytes).
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter  // nonl() delivers CR; some terminals send LF
        case 27: return .escape
        case 8, 127: return .backspace  // ^H (old terminals, Ctrl-Backspace) and DEL (most)
        case 0: return .ctrl(" ")  // Ctrl-Space / Ctrl-@
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))  // \ ] ^ _
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A key code read with `KEY_CODE_YES`. Nil for keys we do not model (Insert, keypad
    /// centre, …) and for `KEY_RESIZE`/`KEY_MOUSE`, which need more than a table.
    static func keyCode(_ code: UInt32) -> Key? {
        typealias K = CursesConstants
        switch code {
        case K.keyUp: return .up
        case K.keyDown: return .down
        case K.keyLeft: return .left
        case K.keyRight: return .right
        case K.keyHome: return .home
        case K.keyEnd: return .end
        case K.keyPageUp: return .pageUp
        case K.keyPageDown: return .pageDown
        case K.keyBackTab: return .backTab
        case K.keyEnter: return .enter
        case K.keyBackspace: return .backspace
        case K.keyDelete: return .delete
        case (K.keyF0 + 1)...(K.keyF0 + 63): return .function(Int(code - K.keyF0))
        default: return nil
        }
    }
}
