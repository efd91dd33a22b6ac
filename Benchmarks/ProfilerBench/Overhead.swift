import Engine
import Foundation
import Profiler

/// `--overhead`: the engine bench's busy graph with nothing listening, with a bare EventBuffer, and with
/// the whole Profiler (rings + collector thread), interleaved; medians in ms.
enum Overhead {
    static func run() throws {
        let s1 = try newStream(name: "bench a")
        let s2 = try newStream(name: "bench b")
        let base = try Random.uniform(shape: [256, 256], key: Random.key(7))
        try eval(base)
        func graph() throws -> Double {
            let t = EngineClock.now()
            var u = base
            var v = base
            for _ in 0..<50 {
                u = try Engine.tanh(Engine.add(u, v, stream: .stream(s1)), stream: .stream(s1))
                v = try Engine.multiply(v, 0.5 * Engine.sigmoid(u, stream: .stream(s2)), stream: .stream(s2))
            }
            try eval(u, v)
            return Double(EngineClock.now() - t) / 1e6
        }
        _ = try graph()
        var off: [Double] = []
        var buffer: [Double] = []
        var profiled: [Double] = []
        let bare = EventBuffer(capacity: 1 << 14)
        let profiler = Profiler()
        for _ in 0..<31 {
            off.append(try graph())
            let token = Recording.add(bare)
            buffer.append(try graph())
            Recording.remove(token)
            _ = bare.drain()
            profiler.start()
            profiled.append(try graph())
            profiler.stop()
        }
        let events = profiler.snapshot().recordedEvents
        print(
            "{\"name\": \"overhead\", \"off_ms\": \(median(off)), \"event_buffer_ms\": \(median(buffer)), \"profiler_ms\": \(median(profiled)), \"events_per_graph\": \(events / 31)}"
        )
    }
}
