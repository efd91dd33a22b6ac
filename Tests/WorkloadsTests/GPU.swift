import Engine
import Testing

/// Whether an OpenCL device serves `gpu(0)` here (PoCL in CI once the backend lands).
enum GPU {
    static let available = (try? newStream(on: .gpu(0))) != nil
    static let skipReason: Comment = "no GPU device here (the OpenCL backend is not available)"
}
