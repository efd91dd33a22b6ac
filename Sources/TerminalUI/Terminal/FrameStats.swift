/// What one `present` sent to curses. Bytes are the UTF-8 payload of the graphemes written
/// (curses adds cursor motion and SGR sequences, and skips cells the terminal already shows).
public struct FrameStats: Hashable, Sendable {
    /// Cells handed to curses (a wide character counts once).
    public var cellsWritten = 0
    /// UTF-8 bytes of those cells' graphemes.
    public var bytesWritten = 0
    /// Changed runs reported by the canvas diff.
    public var runs = 0
    /// Cells whose style differs from the previous cell written (≈ SGR changes).
    public var styleChanges = 0
    /// True when the whole canvas was written (first frame, resize, forced).
    public var fullRepaint = false

    public init() {}

    /// Accumulates `other` into a running total (`fullRepaint` counts as "any").
    public mutating func add(_ other: FrameStats) {
        cellsWritten += other.cellsWritten
        bytesWritten += other.bytesWritten
        runs += other.runs
        styleChanges += other.styleChanges
        fullRepaint = fullRepaint || other.fullRepaint
    }
}
