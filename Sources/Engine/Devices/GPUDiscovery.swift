/// Finds the OpenCL devices and opens a backend for each (`gpu(0)`, `gpu(1)`, …).
enum GPUDiscovery {
    static func discover() -> (backends: [any Backend], reason: String?) {
        ([], "the OpenCL backend is not part of this build yet")
    }
}
