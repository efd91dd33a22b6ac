import Engine
import Foundation

/// Turns a session into Chrome Trace Event JSON: metadata first, then every other event ordered
/// by time (slices before the flow ends that bind to them at the same instant).
struct TraceBuilder {
    let session: ProfileSession
    let metadata: [String: String]
    /// Memory counters per device, oldest first.
    let memory: [(device: Device, sample: MemorySeries.Sample)]

    /// Memory from the session's records (hit rates counted along the way), unless samples are given.
    init(session: ProfileSession, metadata: [String: String], memory: [Device: [MemorySeries.Sample]]? = nil) {
        self.session = session
        self.metadata = metadata
        if let memory {
            self.memory = memory.flatMap { device, samples in samples.map { (device, $0) } }
        } else {
            var counts: [Device: (Int, Int)] = [:]
            self.memory = session.memory.sorted { $0.time < $1.time }.map { r in
                var (allocations, hits) = counts[r.device] ?? (0, 0)
                if r.kind == .allocate {
                    allocations += 1
                    if r.cacheHit { hits += 1 }
                }
                counts[r.device] = (allocations, hits)
                return (
                    r.device,
                    MemorySeries.Sample(
                        time: r.time, activeBytes: r.activeBytes, cachedBytes: r.cachedBytes, peakBytes: r.peakBytes,
                        allocations: allocations, cacheHits: hits)
                )
            }
        }
    }

    private enum Item {
        case op(Int)
        case transfer(Int)
        case wait(Int)
        /// Flow id, producer op, consumer op.
        case flowStart(Int, Int)
        case flowEnd(Int, Int)
        /// Index into `memory`.
        case counter(Int)
        case dropped
    }

    private struct Entry {
        let ts: Int64
        let rank: Int
        let item: Item
    }

    private func rel(_ t: UInt64) -> Int64 { Int64(bitPattern: t &- session.start) }

    func json() -> Data { Data(bytes()) }

    /// The JSON text as bytes (written to a file without another copy).
    func bytes() -> [UInt8] {
        var entries: [Entry] = []
        entries.reserveCapacity(session.ops.count * 2 + session.transfers.count + session.waits.count + memory.count)
        for (i, op) in session.ops.enumerated() { entries.append(Entry(ts: rel(op.started), rank: 0, item: .op(i))) }
        for (i, t) in session.transfers.enumerated() { entries.append(Entry(ts: rel(t.started), rank: 0, item: .transfer(i))) }
        for (i, w) in session.waits.enumerated() { entries.append(Entry(ts: rel(w.started), rank: 0, item: .wait(i))) }
        // One flow per cross-stream input edge whose producer is in the session.
        var producerOf: [Int: Int] = [:]
        for (i, op) in session.ops.enumerated() where op.error == nil { producerOf[op.nodeID] = i }
        var flowID = 0
        for (consumer, op) in session.ops.enumerated() {
            for (k, input) in op.inputIDs.enumerated() where !op.inputIDs[..<k].contains(input) {
                guard let producer = producerOf[input], session.ops[producer].streamIndex != op.streamIndex else { continue }
                flowID += 1
                entries.append(Entry(ts: rel(session.ops[producer].started), rank: 1, item: .flowStart(flowID, producer)))
                entries.append(Entry(ts: rel(op.started), rank: 1, item: .flowEnd(flowID, consumer)))
            }
        }
        for (i, m) in memory.enumerated() { entries.append(Entry(ts: rel(m.sample.time), rank: 2, item: .counter(i))) }
        if session.droppedEvents > 0 { entries.append(Entry(ts: rel(session.end), rank: 3, item: .dropped)) }
        entries.sort { ($0.ts, $0.rank) < ($1.ts, $1.rank) }

        var w = JSONWriter(reserving: entries.count * 220 + 4096)
        w.raw("{\"traceEvents\":[\n")
        var first = true
        func separator(_ w: inout JSONWriter) {
            if first { first = false } else { w.raw(",\n") }
        }
        writeMetadata(&w, separator: separator)
        for entry in entries {
            separator(&w)
            write(entry, to: &w)
        }
        w.raw("\n],\"displayTimeUnit\":\"ms\",\"otherData\":{")
        var other = metadata
        other["tool"] = other["tool"] ?? "streamtop"
        other["clock"] = "CLOCK_MONOTONIC"
        other["baseTimeNanoseconds"] = String(session.start)
        other["droppedEvents"] = String(session.droppedEvents)
        for (k, key) in other.keys.sorted().enumerated() {
            if k > 0 { w.raw(",") }
            w.string(key)
            w.raw(":")
            w.string(other[key]!)
        }
        w.raw("}}\n")
        return w.bytes
    }

    private func writeMetadata(_ w: inout JSONWriter, separator: (inout JSONWriter) -> Void) {
        var devices = Set<Device>()
        for s in session.streams { devices.insert(s.device) }
        for m in memory { devices.insert(m.device) }
        let ordered = devices.sorted { TraceTracks.pid($0) < TraceTracks.pid($1) }
        for device in ordered {
            let pid = TraceTracks.pid(device)
            separator(&w)
            w.raw("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":")
            w.int(pid)
            w.raw(",\"args\":{\"name\":")
            w.string(TraceTracks.processName(device))
            w.raw("}}")
            separator(&w)
            w.raw("{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":")
            w.int(pid)
            w.raw(",\"args\":{\"sort_index\":")
            w.int(pid)
            w.raw("}}")
        }
        let copyStreams = Set(session.transfers.map(\.streamIndex))
        for (order, stream) in session.streams.enumerated() {
            var tracks = [(TraceTracks.tid(stream.device, stream: stream.index), stream.name)]
            if copyStreams.contains(stream.index) {
                tracks.append((TraceTracks.tid(stream.device, stream: stream.index, copies: true), "\(stream.name) (copies)"))
            }
            for (k, (tid, name)) in tracks.enumerated() {
                separator(&w)
                w.raw("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":")
                w.int(TraceTracks.pid(stream.device))
                w.raw(",\"tid\":")
                w.int(tid)
                w.raw(",\"args\":{\"name\":")
                w.string(name)
                w.raw("}}")
                separator(&w)
                w.raw("{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":")
                w.int(TraceTracks.pid(stream.device))
                w.raw(",\"tid\":")
                w.int(tid)
                w.raw(",\"args\":{\"sort_index\":")
                w.int(order * 2 + k)
                w.raw("}}")
            }
        }
    }

    private func track(_ w: inout JSONWriter, _ device: Device, _ stream: Int, copies: Bool = false) {
        w.raw(",\"pid\":")
        w.int(TraceTracks.pid(device))
        w.raw(",\"tid\":")
        w.int(TraceTracks.tid(device, stream: stream, copies: copies))
    }

    private func slice(_ w: inout JSONWriter, name: String, cat: StaticString, start: UInt64, end: UInt64) {
        w.raw("{\"name\":")
        w.string(name)
        w.raw(",\"cat\":\"")
        w.raw(cat)
        w.raw("\",\"ph\":\"X\",\"ts\":")
        w.micros(rel(start))
        w.raw(",\"dur\":")
        w.micros(end >= start ? Int64(end - start) : 0)
    }

    private func write(_ entry: Entry, to w: inout JSONWriter) {
        switch entry.item {
        case .op(let i):
            let op = session.ops[i]
            slice(&w, name: op.name, cat: "op", start: op.started, end: op.finished)
            track(&w, op.device, op.streamIndex)
            w.raw(",\"args\":{\"node\":")
            w.int(op.nodeID)
            w.raw(",\"inputs\":[")
            for (k, input) in op.inputIDs.enumerated() {
                if k > 0 { w.raw(",") }
                w.int(input)
            }
            w.raw("],\"shape\":\"[")
            for (k, n) in op.shape.enumerated() {
                if k > 0 { w.raw(",") }
                w.int(n)
            }
            w.raw("]\"")
            w.raw(",\"dtype\":")
            w.string(op.dtype.rawValue)
            w.raw(",\"bytes\":")
            w.int(op.bytes)
            w.raw(",\"flops\":")
            w.int(op.flops)
            w.raw(",\"stream\":")
            w.string(op.streamName)
            w.raw(",\"queued_us\":")
            w.micros(op.started >= op.dispatched ? Int64(op.started - op.dispatched) : 0)
            if op.inline { w.raw(",\"inline\":true") }
            if !op.fusedOps.isEmpty {
                w.raw(",\"ops\":[")
                for (k, name) in op.fusedOps.enumerated() {
                    if k > 0 { w.raw(",") }
                    w.string(name)
                }
                w.raw("]")
            }
            if let error = op.error {
                w.raw(",\"error\":")
                w.string(error)
            }
            w.raw("}}")
        case .transfer(let i):
            let t = session.transfers[i]
            slice(&w, name: "copy \(t.direction.rawValue)", cat: "transfer", start: t.started, end: t.finished)
            track(&w, t.device, t.streamIndex, copies: true)
            w.raw(",\"args\":{\"node\":")
            w.int(t.nodeID)
            w.raw(",\"bytes\":")
            w.int(t.bytes)
            w.raw(",\"direction\":")
            w.string(t.direction.rawValue)
            w.raw("}}")
        case .wait(let i):
            let r = session.waits[i]
            slice(&w, name: "wait", cat: "wait", start: r.started, end: r.finished)
            track(&w, r.device, r.streamIndex)
            w.raw(",\"args\":{\"producer\":")
            w.int(r.producerNodeID)
            w.raw(",\"consumer\":")
            w.int(r.consumerNodeID)
            w.raw(",\"waited_for\":")
            w.string(Collector.streamName(fromWorker: r.waitedForStream))
            w.raw("}}")
        case .flowStart(let id, let producer):
            let op = session.ops[producer]
            w.raw("{\"name\":\"dependency\",\"cat\":\"dependency\",\"ph\":\"s\",\"id\":")
            w.int(id)
            w.raw(",\"ts\":")
            w.micros(rel(op.started))
            track(&w, op.device, op.streamIndex)
            w.raw("}")
        case .flowEnd(let id, let consumer):
            let op = session.ops[consumer]
            w.raw("{\"name\":\"dependency\",\"cat\":\"dependency\",\"ph\":\"f\",\"bp\":\"e\",\"id\":")
            w.int(id)
            w.raw(",\"ts\":")
            w.micros(rel(op.started))
            track(&w, op.device, op.streamIndex)
            w.raw("}")
        case .counter(let i):
            let (device, sample) = memory[i]
            let pid = TraceTracks.pid(device)
            let label = device.label
            w.raw("{\"name\":")
            w.string("\(label) memory")
            w.raw(",\"ph\":\"C\",\"ts\":")
            w.micros(rel(sample.time))
            w.raw(",\"pid\":")
            w.int(pid)
            w.raw(",\"args\":{\"active\":")
            w.int(sample.activeBytes)
            w.raw(",\"cached\":")
            w.int(sample.cachedBytes)
            w.raw("}},\n{\"name\":")
            w.string("\(label) memory peak")
            w.raw(",\"ph\":\"C\",\"ts\":")
            w.micros(rel(sample.time))
            w.raw(",\"pid\":")
            w.int(pid)
            w.raw(",\"args\":{\"peak\":")
            w.int(sample.peakBytes)
            w.raw("}},\n{\"name\":")
            w.string("\(label) pool hit rate")
            w.raw(",\"ph\":\"C\",\"ts\":")
            w.micros(rel(sample.time))
            w.raw(",\"pid\":")
            w.int(pid)
            w.raw(",\"args\":{\"percent\":")
            w.number(sample.hitRate * 100)
            w.raw("}}")
        case .dropped:
            w.raw("{\"name\":")
            w.string("recorder dropped \(session.droppedEvents) events")
            w.raw(",\"ph\":\"i\",\"s\":\"g\",\"ts\":")
            w.micros(rel(session.end))
            w.raw(",\"pid\":1,\"tid\":0}")
        }
    }
}
