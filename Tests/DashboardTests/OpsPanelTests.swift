import Dashboard
import TerminalUI
import Testing

@Suite struct OpsPanelTests {
    /// Four rows whose orders under each sort key are written out by hand.
    let rows = [
        OpRow(name: "add", device: .cpu, count: 900, total: 0.009, mean: 0.00001, p50: 0.00001, p95: 0.00002,
              p99: 0.00003, share: 0.09),
        OpRow(name: "matmul", device: .cpu, count: 3, total: 0.060, mean: 0.020, p50: 0.02, p95: 0.021, p99: 0.022,
              share: 0.6),
        OpRow(name: "exp", device: .gpu(0), count: 500, total: 0.030, mean: 0.00006, p50: 0.00005, p95: 0.0001,
              p99: 0.0004, share: 0.3),
        OpRow(name: "exp", device: .cpu, count: 10, total: 0.001, mean: 0.0001, p50: 0.0001, p95: 0.0001,
              p99: 0.0001, share: 0.01),
    ]

    func order(_ sort: OpSort) -> [String] { sort.sorted(rows).map { "\($0.name)@\($0.device)" } }

    @Test func eachSortKeyOrdersRows() {
        #expect(order(.total) == ["matmul@cpu", "exp@gpu0", "add@cpu", "exp@cpu"])
        #expect(order(.mean) == ["matmul@cpu", "exp@cpu", "exp@gpu0", "add@cpu"])
        #expect(order(.p99) == ["matmul@cpu", "exp@gpu0", "exp@cpu", "add@cpu"])
        #expect(order(.count) == ["add@cpu", "exp@gpu0", "exp@cpu", "matmul@cpu"])
        #expect(order(.name) == ["add@cpu", "exp@cpu", "exp@gpu0", "matmul@cpu"])
    }

    @Test func sortCyclesThroughEveryKey() {
        var sort = OpSort.total
        var seen: [OpSort] = []
        for _ in 0..<OpSort.allCases.count {
            seen.append(sort)
            sort = sort.next
        }
        #expect(Set(seen).count == OpSort.allCases.count)
        #expect(sort == .total)
    }

    @Test func tableShowsColumnsPercentilesAndSortIndicator() {
        let sorted = OpSort.p99.sorted(rows)
        let canvas = draw(OpsPanel(rows: sorted, sort: .p99, selected: 1, palette: palette), width: 90, height: 6)
        let header = canvas.row(0)
        for title in ["op", "dev", "count", "total", "mean", "p50", "p95", "p99 ▼", "%"] {
            #expect(header.contains(title), "header lacks \(title): \(header)")
        }
        #expect(!header.contains("total ▼"))
        // Row 1 is the first row: matmul (p99 22 ms), then exp on gpu0 (p99 400 µs).
        #expect(canvas.row(1).hasPrefix("matmul"))
        #expect(canvas.row(1).contains("22.0ms"))
        #expect(canvas.row(1).contains("60%"))
        #expect(canvas.row(2).contains("exp"))
        #expect(canvas.row(2).contains("gpu0"))
        #expect(canvas.row(2).contains("400µs"))
        #expect(canvas.row(2).contains("50.0µs"))  // p50
        // The selected row (index 1) is highlighted.
        #expect(canvas[0, 2].style == palette.theme.selectedStyle)
        #expect(canvas[0, 1].style != palette.theme.selectedStyle)
    }

    @Test func selectedOpGetsALatencyGraph() {
        let row = OpRow(name: "exp", device: .cpu, count: 4, total: 1, mean: 0.25, p50: 0.25, p95: 0.4, p99: 0.4,
                        share: 1, recent: [0.000010, 0.000020, 0.000040, 0.000080])
        let canvas = draw(OpsPanel(rows: [row], sort: .total, selected: 0, palette: palette), width: 120, height: 8)
        // Side by side at this width: the graph's title and a braille plot scaled to 80 µs.
        #expect(canvas.text.contains("exp on cpu: last 4 latencies"))
        #expect(canvas.text.contains("80.0µs"))
        let braille = canvas.lines().joined().unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }
        #expect(!braille.isEmpty)
    }

    @Test func formatsAreShortAndUnitBearing() {
        #expect(Format.duration(0.0000005) == "500ns")
        #expect(Format.duration(0.0000123) == "12.3µs")
        #expect(Format.duration(0.00456) == "4.56ms")
        #expect(Format.duration(1.5) == "1.50s")
        #expect(Format.bytes(512) == "512B")
        #expect(Format.bytes(1536) == "1.50KiB")
        #expect(Format.bytes(12 * 1024 * 1024) == "12.0MiB")
        #expect(Format.count(1200) == "1.20k")
        #expect(Format.percent(0.374) == "37%")
        #expect(Format.shape([4096, 512]) == "4096×512")
    }
}
