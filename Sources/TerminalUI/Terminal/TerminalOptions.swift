/// How `Terminal.open` sets the terminal up.
public struct TerminalOptions: Sendable {
    /// Report clicks and the wheel (mode 1000, SGR 1006 where the terminfo entry uses it).
    public var mouse: Bool
    /// How long a lone ESC waits for the rest of an escape sequence. Small, so Esc feels
    /// instant; ncurses' default is 1000 ms.
    public var escapeDelayMilliseconds: Int
    /// The environment used for colour detection; nil = the process environment.
    public var environment: [String: String]?
    /// Forces a colour depth (still capped at what curses can address); nil = detect.
    public var colorDepth: ColorDepth?

    public init(
        mouse: Bool = true, escapeDelayMilliseconds: Int = 25,
        environment: [String: String]? = nil, colorDepth: ColorDepth? = nil
    ) {
        self.mouse = mouse
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
        self.environment = environment
        self.colorDepth = colorDepth
    }
}
