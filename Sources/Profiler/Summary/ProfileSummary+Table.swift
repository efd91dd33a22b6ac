extension ProfileSummary {
    /// The summary as aligned text tables, ops first (by total time), like PyTorch's
    /// `key_averages().table()`; sections with nothing to show are left out.
    ///
    /// `opLimit` keeps the top rows only (nil: all).
    public func table(opLimit: Int? = nil) -> String {
        var sections: [String] = []
        var opTable = TextTable(
            title: "Ops (by total time, \(Units.fixed(durationSeconds, 3)) s profiled)",
            header: ["op", "device", "count", "total", "%", "mean", "p50", "p95", "p99", "min", "max"])
        for row in ops.prefix(opLimit ?? ops.count) {
            opTable.rows.append([
                row.errors > 0 ? "\(row.name) (\(row.errors) failed)" : row.name, row.device, String(row.count),
                Units.time(us: row.totalMs * 1e3), Units.fixed(row.percent, 1), Units.time(us: row.meanUs),
                Units.time(us: row.p50Us), Units.time(us: row.p95Us), Units.time(us: row.p99Us), Units.time(us: row.minUs),
                Units.time(us: row.maxUs),
            ])
        }
        sections.append(ops.isEmpty ? "Ops: none recorded" : opTable.render())
        if !streams.isEmpty {
            var table = TextTable(title: "Streams", header: ["stream", "device", "ops", "busy", "busy %", "last 1 s %"])
            for row in streams {
                table.rows.append([
                    row.stream, row.device, String(row.ops), Units.time(us: row.busyMs * 1e3), Units.fixed(row.busyPercent, 1),
                    Units.fixed(row.lastSecondPercent, 1),
                ])
            }
            sections.append(table.render())
        }
        if !memory.isEmpty {
            var table = TextTable(
                title: "Memory", header: ["device", "peak", "active", "cached", "limit", "allocations", "hit rate %"])
            for row in memory {
                table.rows.append([
                    row.device, Units.bytes(row.peakBytes), Units.bytes(row.activeBytes), Units.bytes(row.cachedBytes),
                    row.limitBytes > 0 ? Units.bytes(row.limitBytes) : "-", String(row.allocations),
                    Units.fixed(row.hitRatePercent, 1),
                ])
            }
            sections.append(table.render())
        }
        if !waits.isEmpty {
            var table = TextTable(title: "Cross-stream waits", header: ["stream", "waited for", "count", "total", "max"])
            for row in waits {
                table.rows.append([
                    row.stream, row.waitedFor, String(row.count), Units.time(us: row.totalMs * 1e3), Units.time(us: row.maxMs * 1e3),
                ])
            }
            sections.append(table.render())
        }
        if !transfers.isEmpty {
            var table = TextTable(title: "Transfers", header: ["direction", "device", "count", "bytes", "GB/s"])
            for row in transfers {
                table.rows.append([row.direction, row.device, String(row.count), Units.bytes(row.bytes), Units.fixed(row.gbPerSecond, 2)])
            }
            sections.append(table.render())
        }
        if !errors.isEmpty { sections.append("Errors\n" + errors.map { "  " + $0 }.joined(separator: "\n")) }
        if droppedEvents > 0 { sections.append("Dropped events: \(droppedEvents) (recording buffers were full)") }
        return sections.joined(separator: "\n\n") + "\n"
    }
}
