import Glibc

/// The engine's clock: monotonic nanoseconds, shared by every event so spans from different threads line up.
public enum EngineClock {
    @inline(__always)
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
