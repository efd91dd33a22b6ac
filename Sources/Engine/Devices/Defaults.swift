/// The default device and stream, as `mx.default_device()` / `mx.default_stream(d)`.
public enum Defaults {
    public static var device: Device { .cpu }
    public static func stream(_ device: Device = .cpu) -> Stream { Runtime.shared.cpuDefaultStream }
}
