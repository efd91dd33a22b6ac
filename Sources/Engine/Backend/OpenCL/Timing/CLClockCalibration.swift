/// Maps a device's profiling timestamps (its own nanosecond clock) onto `EngineClock`, so GPU op
/// spans line up with CPU spans on one timeline.
///
/// Calibration brackets a tiny blocking write between two host clock reads, several times, and
/// keeps the tightest bracket: the command ran inside it, so host ≈ device + offset where the
/// midpoints meet, give or take half the bracket (`uncertainty`). Do it once per device.
struct CLClockCalibration: Sendable, Equatable {
    /// Engine time = device time + offset (nanoseconds; may be negative).
    let offset: Int64
    /// Half the width of the bracket the offset came from.
    let uncertainty: UInt64

    /// The engine time of a device timestamp.
    func engineTime(_ device: UInt64) -> UInt64 {
        UInt64(clamping: Int64(clamping: device) &+ offset)
    }

    static func calibrate(queue: CLQueue, samples: Int = 7) throws(EngineError) -> CLClockCalibration {
        let memory = try CLMemory(context: queue.context, bytes: 4)
        var value: UInt32 = 0
        var best: CLClockCalibration?
        for _ in 0..<Swift.max(samples, 1) {
            let before = EngineClock.now()
            let event = try withUnsafeBytes(of: &value) { raw in
                Result { () throws(EngineError) -> CLEvent in
                    try memory.write(from: raw.baseAddress!, count: 4, queue: queue, blocking: true, op: "calibrate")
                }
            }.get()
            let after = EngineClock.now()
            let profile = try event.profile
            let hostMid = Int64(clamping: before / 2 + after / 2)
            let deviceMid = Int64(clamping: profile.started / 2 + profile.ended / 2)
            let candidate = CLClockCalibration(offset: hostMid &- deviceMid, uncertainty: (after - before) / 2)
            if best == nil || candidate.uncertainty < best!.uncertainty { best = candidate }
        }
        return best!
    }
}
