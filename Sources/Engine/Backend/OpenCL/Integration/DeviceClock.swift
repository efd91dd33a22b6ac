/// Maps a device's profiling timestamps onto `EngineClock`, so GPU spans line up with CPU spans.
///
/// Calibrated once per device: a tiny blocking write is timed on the host (`t0`, `t1`) and on the
/// device (start, end); the device interval lies inside the host one, so the offset is taken
/// between their midpoints. Of several tries the one with the shortest host interval wins, which
/// bounds the error by half that interval (tens of microseconds on PoCL, a few on a GPU).
struct DeviceClock: Sendable {
    /// Add to a device timestamp to get engine nanoseconds.
    let offset: Int64
    /// Half the host interval of the best calibration: the offset's error bound.
    let uncertainty: UInt64

    static func calibrate(context: CLContext) -> DeviceClock {
        guard let queue = try? CLQueue(context: context), let memory = try? CLMemory(context: context, bytes: 4)
        else { return DeviceClock(offset: 0, uncertainty: .max) }
        var best = DeviceClock(offset: 0, uncertainty: .max)
        var word: UInt32 = 0
        for _ in 0..<8 {
            let t0 = EngineClock.now()
            guard let event = try? memory.write(from: &word, count: 4, queue: queue, blocking: true) else { continue }
            let t1 = EngineClock.now()
            guard let profile = try? event.profile, profile.ended >= profile.started else { continue }
            let host = Int64(bitPattern: t0 / 2 + t1 / 2)
            let device = Int64(bitPattern: profile.started / 2 + profile.ended / 2)
            let half = (t1 - t0) / 2
            if half < best.uncertainty { best = DeviceClock(offset: host &- device, uncertainty: half) }
        }
        return best
    }

    func engineTime(_ deviceTime: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: deviceTime) &+ offset)
    }
}
