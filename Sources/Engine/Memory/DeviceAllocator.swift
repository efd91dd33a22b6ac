import Glibc

/// A block as a device hands it out: an opaque handle (a host address on the CPU, a `cl_mem` on
/// OpenCL) and, where the CPU can read and write the block in place, its host address.
struct DeviceMemory: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    /// Set for host memory and for OpenCL buffers that live in host memory (unified-memory devices).
    let host: UnsafeMutableRawPointer?
}

/// The real allocation under a `MemoryPool`. The pool's size classes, cache, limits and figures are
/// shared by every device; only this part differs (as MLX's per-device `Allocator`).
protocol DeviceAllocator: Sendable {
    /// Nil when the device has no memory left for `bytes`.
    func allocate(_ bytes: Int) -> DeviceMemory?
    func free(_ memory: DeviceMemory)
}

/// The CPU's allocator: page-aligned `malloc`, so OpenCL can wrap a block without copying it.
struct HostAllocator: DeviceAllocator {
    func allocate(_ bytes: Int) -> DeviceMemory? {
        var pointer: UnsafeMutableRawPointer?
        let alignment = bytes >= 4096 ? 4096 : 64
        guard posix_memalign(&pointer, alignment, bytes) == 0, let pointer else { return nil }
        return DeviceMemory(handle: pointer, host: pointer)
    }

    func free(_ memory: DeviceMemory) { Glibc.free(memory.handle) }
}
