import Engine
import Foundation
import Testing

@testable import Profiler

/// The `streamtop run` summary: rows from the aggregates, JSON round trip, aligned text.
struct SummaryTests {
    let ms = Make.ms
    let T0 = 30 * Make.s

    func snapshot() -> ProfileSnapshot {
        var events: [EngineEvent] = []
        // matmul: 4 × 2 ms on cpu stream 1; exp: 10 × 0.1 ms on stream 2.
        for k in 0..<4 {
            let t = T0 + UInt64(k) * 3 * ms
            events.append(.op(Make.op("matmul", node: k, stream: 1, start: t, end: t + 2 * ms)))
        }
        for k in 0..<10 {
            let t = T0 + UInt64(k) * ms
            events.append(.op(Make.op("exp", node: 100 + k, stream: 2, start: t, end: t + ms / 10)))
        }
        events.append(.wait(Make.wait(stream: 2, on: 1, start: T0, end: T0 + 3 * ms)))
        events.append(.memory(Make.memory(.allocate, bytes: 1 << 20, active: 1 << 20, peak: 3 << 20, at: T0, limit: 1 << 30)))
        events.append(.memory(Make.memory(.allocate, bytes: 1 << 20, hit: true, active: 2 << 20, peak: 3 << 20, at: T0 + ms)))
        var collector = Collector(configuration: ProfilerConfiguration(), start: T0)
        collector.ingest(events, now: T0 + 100 * ms)
        return collector.snapshot(now: T0 + 100 * ms, dropped: 7)
    }

    @Test("rows: ops by total time with percent of all op time, streams, memory, waits")
    func rows() throws {
        let summary = ProfileSummary(snapshot())
        #expect(summary.ops.map(\.name) == ["matmul", "exp"])
        let matmul = summary.ops[0]
        #expect(matmul.count == 4 && abs(matmul.totalMs - 8) < 1e-9 && matmul.device == "cpu")
        #expect(abs(matmul.percent - 8 / 9.0 * 100) < 1e-9)
        #expect(abs(matmul.meanUs - 2000) < 1e-9 && abs(matmul.p50Us - 2000) <= 2 && abs(matmul.p99Us - 2000) <= 2)
        #expect(abs(summary.durationSeconds - 0.1) < 1e-12)
        let s1 = try #require(summary.streams.first { $0.index == 1 })
        #expect(s1.ops == 4 && abs(s1.busyPercent - 8) < 1e-9)  // 8 ms busy of 100 ms
        let memory = try #require(summary.memory.first)
        #expect(memory.peakBytes == 3 << 20 && memory.limitBytes == 1 << 30 && abs(memory.hitRatePercent - 50) < 1e-9)
        #expect(summary.waits.map(\.stream) == ["s2"] && summary.waits.first?.waitedFor == "s1")
        #expect(abs((summary.waits.first?.totalMs ?? 0) - 3) < 1e-9)
        #expect(summary.droppedEvents == 7)
    }

    @Test("JSON round trip gives the same summary, with the documented keys")
    func json() throws {
        let summary = ProfileSummary(snapshot())
        let data = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(ProfileSummary.self, from: data) == summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["durationSeconds", "ops", "streams", "memory", "waits", "transfers", "errors", "droppedEvents"])
        let op = try #require((object["ops"] as? [[String: Any]])?.first)
        for key in ["name", "device", "count", "totalMs", "meanUs", "p50Us", "p95Us", "p99Us"] { #expect(op[key] != nil, "ops.\(key)") }
    }

    @Test("text: one aligned table per section, ops in total-time order")
    func table() throws {
        let text = ProfileSummary(snapshot()).table()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("op ") })
        // Header, rule and rows of the op table have one width.
        let opLines = lines[header...].prefix { !$0.isEmpty }
        #expect(opLines.count == 4)
        #expect(Set(opLines.map(\.count)).count == 1)
        #expect(opLines.dropFirst(2).first?.hasPrefix("matmul") == true)
        #expect(opLines.last?.hasPrefix("exp") == true)
        #expect(text.contains("2.00 ms"))  // matmul mean
        for section in ["Streams", "Memory", "Cross-stream waits", "Dropped events: 7"] { #expect(text.contains(section)) }
        #expect(!text.contains("Transfers"))  // none recorded
    }

    @Test("units: times and sizes")
    func units() {
        #expect(Units.time(us: 850) == "850.0 µs")
        #expect(Units.time(us: 12_345) == "12.35 ms")
        #expect(Units.time(us: 1_234_000) == "1.234 s")
        #expect(Units.bytes(512) == "512 B")
        #expect(Units.bytes(3 << 20) == "3.0 MiB")
        #expect(Units.fixed(-0.04, 1) == "0.0" && Units.fixed(-0.06, 1) == "-0.1")
        #expect(Units.fixed(1e300, 2) == "1e+300" && Units.fixed(.nan, 1) == "-")
    }
}
