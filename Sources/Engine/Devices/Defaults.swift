/// The default device and stream, as `mx.default_device()` / `mx.default_stream(d)`, scoped per
/// task like `with mx.stream(s):` — set with `withDefaultStream` / `withDefaultDevice`.
public enum Defaults {
    @TaskLocal static var scopedStream: DeviceStream?

    public static var device: Device { scopedStream?.device ?? .cpu }

    /// The default stream of the default device (always there: the scoped stream or the CPU's).
    public static func stream() -> DeviceStream { scopedStream ?? Runtime.shared.cpuDefaultStream }

    /// The default stream of `device`; throws when the device cannot be used.
    public static func stream(_ device: Device) throws(EngineError) -> DeviceStream {
        if let scoped = scopedStream, scoped.device == device { return scoped }
        return try Runtime.shared.defaultStream(for: device, op: "default_stream")
    }
}

/// Runs `body` with `stream` as the default for ops that name no stream or device.
public func withDefaultStream<T>(_ stream: DeviceStream, _ body: () throws -> T) rethrows -> T {
    try Defaults.$scopedStream.withValue(stream, operation: body)
}

/// Runs `body` with `device`'s default stream as the default.
public func withDefaultDevice<T>(_ device: Device, _ body: () throws -> T) throws -> T {
    let stream = try Runtime.shared.resolve(.device(device), op: "default_device")
    return try Defaults.$scopedStream.withValue(stream, operation: body)
}
