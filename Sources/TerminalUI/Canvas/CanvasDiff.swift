/// A horizontal run of cells to send to the terminal, starting at (x, y).
public struct CellRun: Sendable, Hashable {
    public let x: Int
    public let y: Int
    public let cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }

    /// Columns covered, counting trailing halves.
    public var width: Int { cells.count }
}

extension Canvas {
    /// Runs of changed cells in row order. With no previous frame (or after a resize)
    /// every row is one run. A run never splits a wide character: if either half changed,
    /// both are included, so the terminal always receives whole clusters.
    public func diff(from previous: Canvas?) -> [CellRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { row in
                CellRun(x: 0, y: row, cells: Array(cells[row * width..<(row + 1) * width]))
            }
        }
        var runs: [CellRun] = []
        let old = previous.cells
        for row in 0..<height {
            let base = row * width
            var column = 0
            while column < width {
                guard cells[base + column] != old[base + column] else { column += 1; continue }
                var start = column
                if cells[base + start].isTrailingHalf && start > 0 { start -= 1 }
                var end = column + 1
                while end < width && cells[base + end] != old[base + end] { end += 1 }
                if end < width && cells[base + end].isTrailingHalf { end += 1 }
                runs.append(CellRun(x: start, y: row, cells: Array(cells[base + start..<base + end])))
                column = end
            }
        }
        return runs
    }
}
