import Engine

/// Hand-built events for aggregate and trace tests. Times are nanoseconds.
enum Make {
    static func op(
        _ name: String, node: Int, stream: Int, streamName: String? = nil, device: Device = .cpu, start: UInt64,
        end: UInt64, inputs: [Int] = [], shape: [Int] = [4], bytes: Int = 48, flops: Int = 4, error: String? = nil
    ) -> OpRecord {
        OpRecord(
            nodeID: node, name: name, inputIDs: inputs, streamIndex: stream, streamName: streamName ?? "s\(stream)",
            device: device, shape: shape, dtype: .float32, bytes: bytes, flops: flops, dispatched: start, started: start,
            finished: end, error: error)
    }

    static func wait(stream: Int, on other: Int, device: Device = .cpu, start: UInt64, end: UInt64, producer: Int = 0, consumer: Int = 0)
        -> WaitRecord
    {
        WaitRecord(
            streamIndex: stream, device: device, waitedForStreamIndex: other, waitedForStream: "streamtop s\(other)",
            producerNodeID: producer, consumerNodeID: consumer, started: start, finished: end)
    }

    static func memory(
        _ kind: MemoryRecord.Kind, device: Device = .cpu, bytes: Int, hit: Bool = false, active: Int, cached: Int = 0,
        peak: Int, at time: UInt64, limit: Int = 0
    ) -> MemoryRecord {
        MemoryRecord(
            kind: kind, device: device, bytes: bytes, cacheHit: hit, activeBytes: active, cachedBytes: cached,
            peakBytes: peak, time: time, limitBytes: limit)
    }

    static let ms: UInt64 = 1_000_000
    static let s: UInt64 = 1_000_000_000
}

/// A tiny deterministic generator for test data (SplitMix64).
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
