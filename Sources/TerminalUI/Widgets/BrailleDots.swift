/// A grid of braille dots, 2 wide × 4 tall per cell, addressed in dot coordinates with
/// (0, 0) at the top left. Cells are emitted as U+2800 + bitmask.
public struct BrailleDots: Sendable {
    /// Bit for dot row 0…3 in the left and right column of a cell (Unicode braille order).
    public static let leftBits: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    public static let rightBits: [UInt8] = [0x08, 0x10, 0x20, 0x80]

    public let columns: Int
    public let rows: Int
    /// Per cell: OR of its dots.
    public private(set) var masks: [UInt8]
    /// Per cell: index of the last series that set a dot there, or -1.
    public private(set) var owners: [Int]

    /// A grid for `columns`×`rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        masks = Array(repeating: 0, count: self.columns * self.rows)
        owners = Array(repeating: -1, count: self.columns * self.rows)
    }

    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// Sets the dot at (x, y); out-of-range dots are ignored.
    public mutating func set(x: Int, y: Int, owner: Int = 0) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        masks[cell] |= (x % 2 == 0 ? BrailleDots.leftBits : BrailleDots.rightBits)[y % 4]
        owners[cell] = owner
    }

    /// Sets dots in column x from y0 to y1 inclusive.
    public mutating func setVertical(x: Int, from y0: Int, to y1: Int, owner: Int = 0) {
        for y in min(y0, y1)...max(y0, y1) { set(x: x, y: y, owner: owner) }
    }

    /// The glyph for cell (column, row), or nil when no dot is set.
    public func glyph(column: Int, row: Int) -> Glyph? {
        let mask = masks[row * columns + column]
        guard mask != 0 else { return nil }
        return Glyph(scalar: Unicode.Scalar(0x2800 + UInt32(mask))!)
    }
}
