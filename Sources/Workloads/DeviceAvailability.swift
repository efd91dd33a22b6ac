import Engine
import Foundation

/// Whether a device can run work here, asked of the engine once per device and remembered
/// (devices do not come and go during a process).
public enum DeviceAvailability {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [Device: String?] = [:]

    /// nil when `device` is usable; otherwise the engine's reason, e.g. "no GPU device is available: …".
    public static func reason(_ device: Device) -> String? {
        if let cached = lock.withLock({ known[device] }) { return cached }
        let reason: String?
        do {
            _ = try newStream(on: device, name: "availability probe")
            reason = nil
        } catch {
            reason = error.message
        }
        lock.withLock { known[device] = reason }
        return reason
    }

    /// The first unavailable device's reason, or nil when all of `placement`'s devices are usable.
    public static func reason(_ placement: Placement) -> String? {
        for device in placement.devices {
            if let why = reason(device) { return "\(Placement.name(of: device)): \(why)" }
        }
        return nil
    }
}
