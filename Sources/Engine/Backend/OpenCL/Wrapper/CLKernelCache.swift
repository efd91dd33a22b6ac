/// `cl_kernel` objects kept for reuse on one queue, so a launch skips `clCreateKernel` (a program
/// lookup and an allocation in the driver, per op). A kernel holds argument state, so it is checked
/// out for one launch and handed back by `CLKernel.enqueue` once the arguments are consumed: two
/// threads launching the same kernel at once each get their own object. Keys are any hashable
/// value: a program's name for the fixed kernel families, the generated program's key for fused ones.
final class CLKernelCache: @unchecked Sendable {
    private let lock = Lock()
    private var idle: [AnyHashable: [CLKernel]] = [:]

    /// An idle kernel for `key`, else a new one from `make`; either way it returns here after its launch.
    func checkOut(_ key: AnyHashable, make: () throws(EngineError) -> CLKernel) throws(EngineError) -> CLKernel {
        let reused: CLKernel? = lock.withLock { idle[key]?.popLast() }
        let kernel: CLKernel
        if let reused { kernel = reused } else { kernel = try make() }
        kernel.lease = CLKernel.Lease(cache: self, key: key)
        return kernel
    }

    func checkIn(_ kernel: CLKernel, key: AnyHashable) {
        lock.withLock { idle[key, default: []].append(kernel) }
    }

    /// Idle kernels held (tests).
    var count: Int { lock.withLock { idle.values.reduce(0) { $0 + $1.count } } }
}
