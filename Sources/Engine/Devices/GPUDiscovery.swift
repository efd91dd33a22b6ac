/// Finds the OpenCL devices and opens a backend for each (`gpu(0)`, `gpu(1)`, …). A device that
/// fails to open keeps its index as a `NoDeviceBackend` carrying the reason.
enum GPUDiscovery {
    static func discover() -> (backends: [any Backend], reason: String?) {
        switch OpenCLDevices.availability {
        case .unavailable(let reason):
            return ([], reason)
        case .available:
            var backends: [any Backend] = []
            for (index, opened) in OpenCLDevices.all.enumerated() {
                do {
                    backends.append(try OpenCLBackend(index: index, opened: opened))
                } catch {
                    backends.append(NoDeviceBackend(device: .gpu(index), reason: "\(opened.info.name): \(error.message)"))
                }
            }
            return (backends, nil)
        }
    }
}
