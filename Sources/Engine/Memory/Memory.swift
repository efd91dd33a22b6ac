/// Memory figures and limits, per device (as MLX's `mx.get_active_memory()` & co, plus the counts MLX lacks).
public enum Memory {
    public static func statistics(_ device: Device = .cpu) -> MemoryPool.Statistics {
        Runtime.shared.pool(for: device).statistics
    }

    public static func pool(_ device: Device = .cpu) -> MemoryPool { Runtime.shared.pool(for: device) }

    public static var activeBytes: Int { statistics().activeBytes }
    public static var cachedBytes: Int { statistics().cachedBytes }
    public static var peakBytes: Int { statistics().peakBytes }

    public static func clearCache(_ device: Device = .cpu) { pool(device).clearCache() }
    public static func resetPeak(_ device: Device = .cpu) { pool(device).resetPeak() }

    @discardableResult
    public static func setCacheLimit(_ bytes: Int, device: Device = .cpu) -> Int { pool(device).setCacheLimit(bytes) }

    @discardableResult
    public static func setMemoryLimit(_ bytes: Int, device: Device = .cpu) -> Int { pool(device).setMemoryLimit(bytes) }
}
