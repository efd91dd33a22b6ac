/// Stands in for a device that cannot be used, and says why in every error (MLX's `no_gpu`).
final class NoDeviceBackend: Backend {
    let device: Device
    let reason: String
    let pool: MemoryPool
    var runsInline: Bool { false }

    init(device: Device, reason: String) {
        self.device = device
        self.reason = reason
        pool = MemoryPool(
            name: "\(device) (unavailable)", device: device, allocator: NoAllocator(), memoryLimit: 0, cacheLimit: 0)
    }

    func error(_ op: String) -> EngineError {
        EngineError(op: op, kind: .device, "\(device) is not available: \(reason)")
    }

    func makeStreamState(name: String) throws(EngineError) -> (any AnyObject & Sendable)? { throw error("new_stream") }

    func execute(_ execution: Execution) throws(EngineError) -> (ArrayData, (any DeviceEvent)?) {
        throw error(execution.node.primitive.name)
    }

    func hostData(_ data: ArrayData, shape: [Int], dtype: DType, transfer: TransferReporter?) throws(EngineError) -> ArrayData {
        throw error("read")
    }

    private struct NoAllocator: DeviceAllocator {
        func allocate(_ bytes: Int) -> DeviceMemory? { nil }
        func free(_ memory: DeviceMemory) {}
    }
}
