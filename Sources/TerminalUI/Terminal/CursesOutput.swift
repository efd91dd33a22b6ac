/// What `FramePresenter` needs from a screen: the seam between diffing and ncurses, so the
/// write accounting can be tested with a fake that records calls.
protocol CursesOutput: AnyObject {
    /// Defines colour pair `pair` (≥ 1); colour numbers are curses numbers, -1 = terminal default.
    func definePair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool
    /// Stores one grapheme at (x, y) in the virtual screen.
    func put(_ grapheme: String, x: Int, y: Int, attributes: Attributes, pair: Int32)
    /// Blanks the virtual screen (the next flush sends only what differs on the terminal).
    func eraseAll()
    /// Makes the next flush redraw the whole physical screen (after garbage or a forced repaint).
    func invalidatePhysicalScreen()
    /// Sends the frame: one `wnoutrefresh` + `doupdate`.
    func flush()
}
