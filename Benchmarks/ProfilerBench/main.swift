import Engine
import Foundation
import Profiler

// Profiler costs (not a test: prints figures). Build with -c release.
//   snapshot: 100k op spans in the window over 4 streams, 100 new spans between snapshots (a live 30 fps view).
//   record:   4 threads pushing into their rings while a consumer drains.
//   trace:    Chrome JSON for the 100k-span window.

/// This thread's CPU time in ns: robust when other processes load the machine.
func cpuNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
func percentile(_ xs: [Double], _ p: Double) -> Double { xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * p))] }

func op(_ node: Int, stream: Int, at t: UInt64) -> EngineEvent {
    .op(
        OpRecord(
            nodeID: node, name: ["matmul", "exp", "add", "tanh"][node % 4], inputIDs: [node - 1, node - 4],
            streamIndex: stream, streamName: "bench \(stream)", device: .cpu, shape: [256, 256], dtype: .float32,
            bytes: 786_432, flops: 65536, dispatched: t, started: t, finished: t + 8000))
}

if CommandLine.arguments.contains("--overhead") {
    try Overhead.run()
    exit(0)
}

var configuration = ProfilerConfiguration()
configuration.collectIntervalMs = nil
configuration.windowPerStream = 1 << 15
let profiler = Profiler(configuration)
let base = EngineClock.now()
var node = 0
for i in 0..<100_000 {
    node += 1
    profiler.record(op(node, stream: i % 4, at: base + UInt64(i / 4) * 10_000))
    if i % 10 == 0 {
        profiler.record(
            .memory(
                MemoryRecord(
                    kind: .allocate, device: .cpu, bytes: 4096, cacheHit: i % 3 == 0, activeBytes: i, cachedBytes: 0,
                    peakBytes: i, time: base + UInt64(i / 4) * 10_000)))
    }
    if i % 4096 == 0 { profiler.collect() }
}
profiler.collect()
// `--snapshots N`: only the snapshot loop, N times (for perf).
let rounds = CommandLine.arguments.firstIndex(of: "--snapshots").flatMap { Int(CommandLine.arguments[$0 + 1]) } ?? 200
var snapshotMs: [Double] = []
var snapshotCPUMs: [Double] = []
var windowCount = 0
var last = base + 25_000 * 10_000
for _ in 0..<rounds {
    for k in 0..<100 {
        node += 1
        last += 10_000
        profiler.record(op(node, stream: k % 4, at: last))
    }
    let t0 = EngineClock.now()
    let c0 = cpuNow()
    let snapshot = profiler.snapshot()
    snapshotCPUMs.append(Double(cpuNow() - c0) / 1e6)
    snapshotMs.append(Double(EngineClock.now() - t0) / 1e6)
    windowCount = snapshot.windowEventCount
}
print(
    "{\"name\": \"snapshot\", \"window_events\": \(windowCount), \"median_ms\": \(median(snapshotMs)), \"p99_ms\": \(percentile(snapshotMs, 0.99)), \"cpu_median_ms\": \(median(snapshotCPUMs)), \"cpu_p99_ms\": \(percentile(snapshotCPUMs, 0.99)), \"target_ms\": 2}")
if rounds != 200 { exit(0) }

let t1 = EngineClock.now()
let summary = profiler.summary()
print("{\"name\": \"summary\", \"ms\": \(Double(EngineClock.now() - t1) / 1e6), \"op_rows\": \(summary.ops.count)}")

let snapshot = profiler.snapshot()
let t2 = EngineClock.now()
let data = ChromeTrace.data(snapshot)
print("{\"name\": \"trace\", \"window_events\": \(snapshot.windowEventCount), \"ms\": \(Double(EngineClock.now() - t2) / 1e6), \"bytes\": \(data.count)}")

// Record: 4 producers, one consumer.
let buffer = EventBuffer(capacity: 1 << 14)
let perThread = 1_000_000
let done = DispatchGroup()
let t3 = EngineClock.now()
for thread in 0..<4 {
    done.enter()
    Thread {
        let t = EngineClock.now()
        for i in 0..<perThread { buffer.record(op(i, stream: thread, at: t)) }
        done.leave()
    }.start()
}
var drained = 0
var sink: [EngineEvent] = []
while done.wait(timeout: .now()) == .timedOut {
    buffer.drain(into: &sink)
    drained += sink.count
    sink.removeAll(keepingCapacity: true)
}
buffer.drain(into: &sink)
drained += sink.count
let seconds = Double(EngineClock.now() - t3) / 1e9
print(
    "{\"name\": \"record\", \"threads\": 4, \"events\": \(4 * perThread), \"ns_per_event_per_thread\": \(seconds * 1e9 / Double(perThread)), \"drained\": \(drained), \"dropped\": \(buffer.droppedCount)}"
)

// The hot path alone: one thread, a prebuilt event, nobody draining (after the first lap every push drops the oldest)
// and with room (drained every 8192 pushes).
let single = EventBuffer(capacity: 1 << 14)
let event = op(1, stream: 0, at: 1)
let t4 = EngineClock.now()
for _ in 0..<2_000_000 { single.record(event) }
let fullNs = Double(EngineClock.now() - t4) / 2e6
let roomy = EventBuffer(capacity: 1 << 14)
var scratch: [EngineEvent] = []
scratch.reserveCapacity(1 << 14)
var pushNs: UInt64 = 0
for _ in 0..<250 {
    let t = EngineClock.now()
    for _ in 0..<8192 { roomy.record(event) }
    pushNs += EngineClock.now() - t
    roomy.drain(into: &scratch)
    scratch.removeAll(keepingCapacity: true)
}
print("{\"name\": \"record one thread\", \"ns_per_event_full\": \(fullNs), \"ns_per_event_with_room\": \(Double(pushNs) / Double(250 * 8192))}")
