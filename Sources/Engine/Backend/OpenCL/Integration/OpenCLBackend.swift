import COpenCL
import Foundation

/// One OpenCL device as an engine backend: each stream an in-order command queue with profiling,
/// nodes as kernels from the device's `OpenCLKernels`, memory from the shared pool logic over
/// `OpenCLAllocator`.
///
/// Ordering across streams never blocks the device: a consumer on another queue of this context
/// puts the producer's `cl_event` in its wait list; a CPU consumer blocks its own worker on that
/// event. A CPU producer's output only exists once it has run, so a GPU stream's submission
/// thread waits for that producer's completion counter before enqueueing (the device never does).
final class OpenCLBackend: Backend, @unchecked Sendable {
    let device: Device
    let info: OpenCLDeviceInfo
    let context: CLContext
    let pool: MemoryPool
    let kernels: OpenCLKernels
    /// Arrays cross between host and device without copies (unified memory, not forced off).
    let zeroCopy: Bool
    /// Device profiling times → engine clock, calibrated once (see `CLClockCalibration`).
    let clock: CLClockCalibration
    /// Host reads of device memory that belong to no stream.
    private let transferQueue: CLQueue
    private let transferLock = Lock()
    var runsInline: Bool { false }

    /// `STREAMTOP_OPENCL_COPY=1` forces the copy path on every device (tests the discrete-GPU path on PoCL).
    static let forceCopyVariable = "STREAMTOP_OPENCL_COPY"

    init(index: Int, opened: OpenCLDevice) throws(EngineError) {
        device = .gpu(index)
        info = opened.info
        context = try CLContext(device: opened.device)
        let forceCopy = ProcessInfo.processInfo.environment[Self.forceCopyVariable] == "1"
        zeroCopy = opened.info.hostUnifiedMemory && !forceCopy
        let global = Int(clamping: opened.info.globalMemory)
        pool = MemoryPool(
            name: "gpu\(index) (\(opened.info.name))", device: device,
            allocator: OpenCLAllocator(context: context, zeroCopy: zeroCopy), memoryLimit: global / 10 * 9,
            cacheLimit: Swift.min(global / 4, 1 << 30))
        kernels = try OpenCLKernels(device: opened, context: context)
        transferQueue = try CLQueue(context: context)
        clock = (try? CLClockCalibration.calibrate(queue: transferQueue)) ?? CLClockCalibration(offset: 0, uncertainty: .max)
    }

    func makeStreamState(name: String) throws(EngineError) -> (any AnyObject & Sendable)? {
        try CLQueue(context: context)
    }

    func execute(_ execution: Execution) throws(EngineError) -> (ArrayData, (any DeviceEvent)?) {
        try execution.waitForProducers(onDevice: false)
        let node = execution.node
        let name = node.primitive.name
        guard let queue = node.stream.state as? CLQueue else {
            throw EngineError(op: name, kind: .device, "\(node.stream) has no OpenCL queue")
        }
        var waitFor: [CLEvent] = []
        for fence in execution.waits {
            guard let event = fence.deviceEvent else { continue }
            if let cl = event as? OpenCLDeviceEvent, cl.context === context {
                waitFor.append(cl.event)
            } else {
                // Another device's work: the host waits, then the data moves through host memory.
                try event.wait()
            }
        }
        // Before anything copies `node.inputs`: donation needs the node's own references.
        let donated = node.primitive.isView ? nil : CPUBackend.donor(node, shape: execution.shape, dtype: execution.dtype)
        let inputs: [(data: ArrayData, shape: [Int], dtype: DType, id: Int)] = Scheduler.lock.withLock {
            node.inputs.map { ($0.data!, $0.shape, $0.dtype, $0.id) }
        }
        var keepAlive: [AnyObject] = []
        var transfers: [PendingTransfer] = []
        var refs: [CLArrayRef] = []
        for input in inputs {
            let (ref, extra) = try resident(
                input.data, shape: input.shape, dtype: input.dtype, nodeID: input.id, queue: queue,
                execution: execution, keepAlive: &keepAlive, transfers: &transfers)
            refs.append(ref)
            waitFor.append(contentsOf: extra)
        }

        if node.primitive.isView {
            return try view(execution, inputs[0], ref: refs[0], queue: queue, waitFor: waitFor, keepAlive: keepAlive)
        }

        if case .fused = node.primitive {
            refs = try denseForFusion(refs, shape: execution.shape, queue: queue, waitFor: &waitFor, keepAlive: &keepAlive)
        }

        let count = Shape.count(execution.shape)
        let out: Buffer
        if let donated { out = donated } else { out = try pool.allocate(count * execution.dtype.size, op: name) }
        keepAlive.append(out)
        let outRef = CLArrayRef(rawHandle: out.memory.handle, shape: execution.shape, dtype: execution.dtype)
        let event = try kernels.enqueue(node.primitive, inputs: refs, output: outRef, queue: queue, waitFor: waitFor)
        try flushUnlessWaited(queue, execution)
        let held = try finish(event, execution: execution, keepAlive: keepAlive, transfers: transfers)
        let strides = execution.shape.count == 1 ? [1] : Shape.contiguousStrides(execution.shape)
        return (ArrayData(buffer: out, offset: 0, strides: strides), OpenCLDeviceEvent(event, context: context, op: name, holding: held))
    }

    /// Views are metadata over the input's buffer; a reshape of a non-contiguous input copies first.
    private func view(
        _ execution: Execution, _ input: (data: ArrayData, shape: [Int], dtype: DType, id: Int), ref: CLArrayRef,
        queue: CLQueue, waitFor: [CLEvent], keepAlive: [AnyObject]
    ) throws(EngineError) -> (ArrayData, (any DeviceEvent)?) {
        let name = execution.node.primitive.name
        let data: ArrayData
        switch execution.node.primitive {
        case .reshape:
            let kept = input.shape.indices.filter { input.shape[$0] != 1 }
            if kept.map({ input.shape[$0] }) == execution.shape.filter({ $0 != 1 }) || input.data.isRowContiguous(input.shape) {
                data = try LayoutKernels.reshape(input.data, input.shape, xType: input.dtype, to: execution.shape)
            } else {
                // Gather into a contiguous buffer of this device, then view it with the new shape.
                let out = try pool.allocate(Shape.count(input.shape) * input.dtype.size, op: name)
                let outRef = CLArrayRef(rawHandle: out.memory.handle, shape: input.shape, dtype: input.dtype)
                let event = try kernels.enqueue(.copy, inputs: [ref], output: outRef, queue: queue, waitFor: waitFor)
                try flushUnlessWaited(queue, execution)
                let held = try finish(event, execution: execution, keepAlive: keepAlive + [out], transfers: [])
                let strides = Shape.contiguousStrides(execution.shape)
                return (ArrayData(buffer: out, offset: 0, strides: strides), OpenCLDeviceEvent(event, context: context, op: name, holding: held))
            }
        case .transpose(let permutation):
            data = LayoutKernels.transpose(input.data, permutation: permutation)
        case .slice(let starts, let steps):
            data = LayoutKernels.slice(input.data, starts: starts, steps: steps)
        case .broadcast:
            data = LayoutKernels.broadcast(input.data, input.shape, to: execution.shape)
        default:
            preconditionFailure("\(name) is not a view")
        }
        // Ready when the input is: on this device, a marker after it on this (in-order) queue.
        guard input.data.buffer.device == device else {
            execution.recordOp(started: EngineClock.now(), finished: EngineClock.now())
            return (data, nil)
        }
        let marker = try queue.marker(waitFor: waitFor, op: name)
        try flushUnlessWaited(queue, execution)
        let held = try finish(marker, execution: execution, keepAlive: keepAlive, transfers: [])
        return (data, OpenCLDeviceEvent(marker, context: context, op: name, holding: held))
    }

    /// Sends the command on its way, unless the op runs inline: then the caller is `eval`, about to
    /// wait on this graph's events, and `clWaitForEvents` flushes the queue itself (one driver call
    /// per op saved, as the raw-OpenCL floor in `bench opencl` does without it).
    private func flushUnlessWaited(_ queue: CLQueue, _ execution: Execution) throws(EngineError) {
        if !execution.inline { try queue.flush() }
    }

    /// Holds what the command reads and writes until it completes (a freed block could otherwise be
    /// handed to another queue while this one still uses it), then records the op with device times.
    /// With no recorder, nothing needs the completion callback (`clFlush` and `clSetEventCallback`
    /// cost as much as the rest of an op on PoCL): the objects are returned, for the op's
    /// `OpenCLDeviceEvent` to hold until it is seen complete.
    private func finish(
        _ event: CLEvent, execution: Execution, keepAlive: [AnyObject], transfers: [PendingTransfer]
    ) throws(EngineError) -> KeptAlive? {
        let held = KeptAlive(keepAlive)
        guard execution.recorder != nil else { return held }
        let clock = clock
        try event.onComplete { status in
            withExtendedLifetime(held) {}
            guard execution.recorder != nil else { return }
            for transfer in transfers { transfer.record(clock: clock, execution: execution) }
            let now = EngineClock.now()
            if status.rawValue < 0 {
                execution.recordOp(
                    started: now, finished: now,
                    error: EngineError(op: execution.node.primitive.name, kind: .device, "the command failed: \(status)"))
                return
            }
            if let profile = try? event.profile, profile.ended >= profile.started, profile.started > 0 {
                execution.recordOp(started: clock.engineTime(profile.started), finished: clock.engineTime(profile.ended))
            } else {
                execution.recordOp(started: now, finished: now)
            }
        }
        return nil
    }

    func hostData(_ data: ArrayData, shape: [Int], dtype: DType, transfer: TransferReporter?) throws(EngineError) -> ArrayData {
        let buffer = data.buffer
        if buffer.isHostAccessible { return data }
        let mirror = try buffer.attachment(for: .cpu) { () throws(EngineError) -> HostMirror in
            let host = try Runtime.shared.cpuPool.allocate(buffer.byteCount, op: "read")
            let started = EngineClock.now()
            let memory = CLMemory(retaining: buffer.memory.handle, bytes: buffer.byteCount)
            transferLock.lock()
            defer { transferLock.unlock() }
            let event = try memory.read(into: host.pointer, count: buffer.byteCount, queue: transferQueue, blocking: true, op: "read")
            let finished = EngineClock.now()
            if let profile = try? event.profile, profile.ended >= profile.started, profile.started > 0 {
                transfer?(.deviceToHost, buffer.byteCount, clock.engineTime(profile.started), clock.engineTime(profile.ended))
            } else {
                transfer?(.deviceToHost, buffer.byteCount, started, finished)
            }
            return HostMirror(host)
        }
        return ArrayData(buffer: mirror.buffer, offset: data.offset, strides: data.strides)
    }

    /// `data` as this device reads it: its own memory as is; host memory aliased (zero-copy) or
    /// uploaded once and kept with the host buffer; another device's memory through the host.
    /// Returns extra events the kernel must wait for (an upload made by an earlier consumer).
    private func resident(
        _ data: ArrayData, shape: [Int], dtype: DType, nodeID: Int, queue: CLQueue, execution: Execution,
        keepAlive: inout [AnyObject], transfers: inout [PendingTransfer]
    ) throws(EngineError) -> (CLArrayRef, [CLEvent]) {
        var host = data
        if data.buffer.device == device {
            keepAlive.append(data.buffer)
            return (CLArrayRef(rawHandle: data.buffer.memory.handle, offset: data.offset, shape: shape, strides: data.strides, dtype: dtype), [])
        }
        if !data.buffer.isHostAccessible {
            let source = Runtime.shared.backend(for: data.buffer.device)
            host = try source.hostData(data, shape: shape, dtype: dtype, transfer: execution.transferReporter(for: nodeID))
        }
        let buffer = host.buffer
        keepAlive.append(buffer)
        var madeHere: PendingTransfer?
        let copy = try buffer.attachment(for: device) { () throws(EngineError) -> DeviceCopy in
            if zeroCopy {
                return DeviceCopy(alias: try CLMemory(context: context, wrapping: buffer.pointer, bytes: buffer.byteCount))
            }
            let target = try pool.allocate(buffer.byteCount, op: execution.node.primitive.name)
            let memory = CLMemory(retaining: target.memory.handle, bytes: buffer.byteCount)
            let started = EngineClock.now()
            let event = try memory.write(from: buffer.pointer, count: buffer.byteCount, queue: queue, op: execution.node.primitive.name)
            madeHere = PendingTransfer(event: event, bytes: buffer.byteCount, nodeID: nodeID, hostStart: started)
            return DeviceCopy(buffer: target, ready: event)
        }
        if let madeHere { transfers.append(madeHere) }
        keepAlive.append(copy)
        let ref = CLArrayRef(memory: copy.handle, offset: host.offset, shape: shape, strides: host.strides, dtype: dtype)
        return (ref, copy.ready.map { [$0] } ?? [])
    }
}

/// Objects kept alive until a command completes.
final class KeptAlive: @unchecked Sendable {
    let objects: [AnyObject]
    init(_ objects: [AnyObject]) { self.objects = objects }
}

/// A host buffer's copy on a device: an alias of the same memory (zero-copy) or an uploaded block.
final class DeviceCopy: @unchecked Sendable {
    private let alias: CLMemory?
    private let buffer: Buffer?
    /// The upload's completion (nil for an alias).
    let ready: CLEvent?

    init(alias: CLMemory) {
        self.alias = alias
        buffer = nil
        ready = nil
    }

    init(buffer: Buffer, ready: CLEvent) {
        alias = nil
        self.buffer = buffer
        self.ready = ready
    }

    var handle: cl_mem { alias?.handle ?? CLMemory.handle(from: buffer!.memory.handle) }
}

/// A device buffer's copy in host memory, made on first host read and kept with the buffer.
final class HostMirror: @unchecked Sendable {
    let buffer: Buffer
    init(_ buffer: Buffer) { self.buffer = buffer }
}

/// An upload to record once its command has completed (its device times are known then).
struct PendingTransfer: @unchecked Sendable {
    let event: CLEvent
    let bytes: Int
    let nodeID: Int
    let hostStart: UInt64

    func record(clock: CLClockCalibration, execution: Execution) {
        if let profile = try? event.profile, profile.ended >= profile.started, profile.started > 0 {
            execution.recordTransfer(
                .hostToDevice, bytes: bytes, nodeID: nodeID, started: clock.engineTime(profile.started),
                finished: clock.engineTime(profile.ended))
        } else {
            execution.recordTransfer(.hostToDevice, bytes: bytes, nodeID: nodeID, started: hostStart, finished: EngineClock.now())
        }
    }
}
