/// One `enqueue` call: the queue, what to wait for and the op's name, with a method per kernel family.
struct Launch {
    let kernels: OpenCLKernels
    let queue: CLQueue
    let waitFor: [CLEvent]
    let op: String

    var fp64: Bool { kernels.fp64 }

    func kernel(_ key: String, _ name: String, source: () throws(EngineError) -> String) throws(EngineError) -> CLKernel {
        try kernels.kernel(key, name, queue: queue, op: op, source: source)
    }

    func run(_ kernel: CLKernel, count: Int, group: Int? = nil) throws(EngineError) -> CLEvent {
        let local = group ?? kernels.groupSize
        let (blocks, overflow) = ((count + local - 1) / local).multipliedReportingOverflow(by: local)
        guard !overflow else { throw .shape(op, "\(count) work items are too many for one launch") }
        return try kernel.enqueue(global: [blocks], local: [local], queue: queue, waitFor: waitFor, op: op)
    }
}

/// The little-endian bytes of a fixed-width value (fill patterns, host-written data).
func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}
