// The only file that calls ncursesw. Everything else in the terminal layer talks to
// `CursesScreen` (through `CursesOutput`) or to the typed constants below, so the C surface
// stays small, auditable and replaceable by a fake in tests.
import CNCursesW
import Glibc

/// ncurses key codes and mouse masks as Swift values (macros and globals do not import
/// cleanly in Swift 6; the shim exposes them as functions).
enum CursesConstants {
    static let ok = cnc_ok()
    static let keyCodeYes = cnc_key_code_yes()
    static let keyResize = UInt32(cnc_key_resize())
    static let keyMouse = UInt32(cnc_key_mouse())

    static let keyUp = UInt32(KEY_UP)
    static let keyDown = UInt32(KEY_DOWN)
    static let keyLeft = UInt32(KEY_LEFT)
    static let keyRight = UInt32(KEY_RIGHT)
    static let keyHome = UInt32(KEY_HOME)
    static let keyEnd = UInt32(KEY_END)
    static let keyPageUp = UInt32(KEY_PPAGE)
    static let keyPageDown = UInt32(KEY_NPAGE)
    static let keyBackTab = UInt32(KEY_BTAB)
    static let keyEnter = UInt32(KEY_ENTER)
    static let keyBackspace = UInt32(KEY_BACKSPACE)
    static let keyDelete = UInt32(KEY_DC)
    static let keyF0 = UInt32(KEY_F0)

    static let button1Pressed = UInt(cnc_button1_pressed())
    static let button1Clicked = UInt(cnc_button1_clicked())
    static let button1Released = UInt(cnc_button1_released())
    static let button2Pressed = UInt(cnc_button2_pressed())
    static let button2Clicked = UInt(cnc_button2_clicked())
    static let button2Released = UInt(cnc_button2_released())
    static let button3Pressed = UInt(cnc_button3_pressed())
    static let button3Clicked = UInt(cnc_button3_clicked())
    static let button3Released = UInt(cnc_button3_released())
    static let button4Pressed = UInt(cnc_button4_pressed())
    static let button5Pressed = UInt(cnc_button5_pressed())
    static let button4Released = UInt(cnc_button4_released())
    static let button5Released = UInt(cnc_button5_released())

    /// Clicks, releases and the wheel; no motion reporting (mode 1003 floods the input).
    static var mouseMask: UInt {
        button1Pressed | button1Clicked | button1Released
            | button2Pressed | button2Clicked | button2Released
            | button3Pressed | button3Clicked | button3Released
            | button4Pressed | button5Pressed
    }
}

/// One ncurses SCREEN on the process's stdin/stdout. Not thread-safe (curses is not);
/// `Terminal` confines it to the thread that uses the terminal.
final class CursesScreen {
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    /// Capabilities read once after `start_color`.
    let colors: Int
    let colorPairs: Int
    let directColor: Bool
    let canChangeColor: Bool

    /// Result of one `wget_wch`.
    enum Read {
        case none
        case character(UInt32)
        case keyCode(UInt32)
    }

    /// Sets up curses the way a frame-paced dashboard wants it. Returns nil when the terminal
    /// description cannot be found (`newterm` fails instead of exiting like `initscr`).
    init?(termName: String?, mouse: Bool, escapeDelayMilliseconds: Int) {
        let created: OpaquePointer?
        if let termName {
            created = newterm(termName, cnc_stdout(), cnc_stdin())
        } else {
            created = newterm(nil, cnc_stdout(), cnc_stdin())
        }
        guard let created, let win = cnc_stdscr() else { return nil }
        screen = created
        window = win
        // cbreak, not raw: Ctrl-C/Ctrl-\ must still raise signals so the restore path runs.
        cbreak()
        noecho()
        nonl()
        keypad(win, true)
        intrflush(win, false)
        leaveok(win, true)
        wtimeout(win, 0)
        curs_set(0)
        set_escdelay(Int32(escapeDelayMilliseconds))
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colors = has_colors() ? Int(cnc_colors()) : 0
        colorPairs = has_colors() ? Int(cnc_color_pairs()) : 0
        directColor = tigetflag("RGB") > 0
        canChangeColor = can_change_color()
        if mouse {
            // Interval 0: report press and release immediately instead of synthesising clicks.
            mouseinterval(0)
            _ = mousemask(mmask_t(CursesConstants.mouseMask), nil)
        }
    }

    var size: TerminalSize {
        TerminalSize(width: Int(cnc_max_x(window)), height: Int(cnc_max_y(window)))
    }

    /// Waits up to `milliseconds` (0 = do not wait) for one input item.
    func read(timeoutMilliseconds milliseconds: Int) -> Read {
        wtimeout(window, Int32(clamping: milliseconds))
        var ch: wint_t = 0
        let rc = wget_wch(window, &ch)
        if rc == CursesConstants.ok { return .character(UInt32(ch)) }
        if rc == CursesConstants.keyCodeYes { return .keyCode(UInt32(ch)) }
        return .none
    }

    /// The pending mouse event after `KEY_MOUSE`.
    func mouseEvent() -> (x: Int, y: Int, buttons: UInt)? {
        var event = MEVENT()
        guard getmouse(&event) == CursesConstants.ok else { return nil }
        return (Int(event.x), Int(event.y), UInt(event.bstate))
    }

    /// Leaves curses mode; the screen can be resumed by the next refresh (not used) or deleted.
    func end() {
        guard let s = screen else { return }
        _ = mousemask(0, nil)
        curs_set(1)
        endwin()
        delscreen(s)
        screen = nil
    }

    deinit { end() }
}

extension CursesScreen: CursesOutput {
    func definePair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool {
        init_extended_pair(pair, foreground, background) == CursesConstants.ok
    }

    func put(_ grapheme: String, x: Int, y: Int, attributes: Attributes, pair: Int32) {
        var cch = cchar_t()
        var pairNumber = pair
        // setcchar takes one spacing character plus up to CCHARW_MAX-1 combining ones.
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 6) { buffer in
            var count = 0
            for scalar in grapheme.unicodeScalars where count < 5 {
                buffer[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            if count == 0 {
                buffer[0] = 0x20
                count = 1
            }
            buffer[count] = 0
            _ = setcchar(&cch, buffer.baseAddress, Self.attr(attributes), 0, &pairNumber)
        }
        // Writing the bottom-right cell reports ERR (the cursor cannot advance) but still draws.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cch)
    }

    func eraseAll() { werase(window) }

    func invalidatePhysicalScreen() { clearok(cnc_curscr(), true) }

    func flush() {
        wnoutrefresh(window)
        doupdate()
    }

    private static func attr(_ a: Attributes) -> attr_t {
        var result = cnc_a_normal()
        if a.contains(.bold) { result |= cnc_a_bold() }
        if a.contains(.dim) { result |= cnc_a_dim() }
        if a.contains(.italic) { result |= cnc_a_italic() }
        if a.contains(.underline) { result |= cnc_a_underline() }
        if a.contains(.reverse) { result |= cnc_a_reverse() }
        return result
    }
}
