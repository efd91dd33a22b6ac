import Foundation
import Testing

@testable import Engine

/// The typed wrapper over the OpenCL C API, on PoCL.
@Suite("OpenCL wrapper")
struct WrapperTests {
    let testbed: OpenCLTestbed

    init() throws { testbed = try OpenCLTestbed.shared.get() }

    private func floats(_ values: [Float]) throws -> CLMemory {
        try testbed.upload(values.withUnsafeBytes { Array($0) })
    }

    private func readFloats(_ memory: CLMemory, count: Int, queue: CLQueue, waitFor: [CLEvent] = []) throws -> [Float] {
        var out = [Float](repeating: -1, count: count)
        let event = try out.withUnsafeMutableBytes { raw in
            try memory.read(into: raw.baseAddress!, count: raw.count, queue: queue, blocking: false, waitFor: waitFor)
        }
        try event.wait()
        return out
    }

    @Test func writeThenReadOnAnotherQueueFollowsTheWriteEvent() throws {
        let memory = try CLMemory(context: testbed.context, bytes: 16)
        let other = try CLQueue(context: testbed.context)
        let source: [Float] = [1.5, -2, 3.25, 4]
        let written = try source.withUnsafeBytes { raw in
            try memory.write(from: raw.baseAddress!, count: raw.count, queue: testbed.queue, blocking: true)
        }
        #expect(try readFloats(memory, count: 4, queue: other, waitFor: [written]) == source)
    }

    @Test func userEventHoldsBackDependentCommandsUntilCompleted() throws {
        let memory = try floats([7, 8])
        let gate = try CLEvent.user(context: testbed.context)
        let queue = try CLQueue(context: testbed.context)
        let marker = try queue.marker(waitFor: [gate], op: "test")
        try queue.flush()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try marker.status != .complete)
        try gate.setComplete()
        try marker.wait()
        #expect(try marker.status == .complete)
        #expect(try readFloats(memory, count: 2, queue: queue) == [7, 8])
    }

    @Test func failedUserEventFailsTheWaiters() throws {
        let gate = try CLEvent.user(context: testbed.context)
        let queue = try CLQueue(context: testbed.context)
        let marker = try queue.marker(waitFor: [gate], op: "test")
        try gate.setComplete(error: true)
        #expect(throws: EngineError.self) { try marker.wait() }
    }

    @Test func completionCallbackRunsOnceWithTheStatus() throws {
        let gate = try CLEvent.user(context: testbed.context)
        let done = DispatchSemaphore(value: 0)
        let seen = LockedBox<[CLStatus]>([])
        try gate.onComplete { status in
            seen.update { $0.append(status) }
            done.signal()
        }
        try gate.setComplete()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(seen.value == [.success])
    }

    @Test func kernelEventsCarryOrderedProfilingTimes() throws {
        let out = try CLMemory(context: testbed.context, bytes: 4096 * 4)
        let event = try testbed.kernels.enqueue(
            .full(.float(3)), inputs: [], output: CLArrayRef(memory: out.handle, shape: [4096], dtype: .float32),
            queue: testbed.queue, waitFor: [])
        try event.wait()
        let p = try event.profile
        #expect(p.queued <= p.submitted && p.submitted <= p.started && p.started <= p.ended)
        #expect(p.ended > 0)
    }

    @Test func cachedKernelsAreReusedAfterLaunchAndNeverSharedBeforeIt() throws {
        let queue = try CLQueue(context: testbed.context)
        let kernels = testbed.kernels
        let out = try CLMemory(context: testbed.context, bytes: 64 * 4)
        let ref = CLArrayRef(memory: out.handle, shape: [64], dtype: .float32)
        // Two launches with different arguments through the same (reused) kernel object: each
        // result is its own launch's, so no argument leaks from one launch into the next.
        for (start, step) in [(2.5, 1.0), (-7.0, 0.5)] {
            let event = try kernels.enqueue(.arange(start: start, step: step), inputs: [], output: ref, queue: queue, waitFor: [])
            let expected = (0..<64).map { Float(start + Double($0) * step) }
            #expect(try readFloats(out, count: 64, queue: queue, waitFor: [event]) == expected)
        }
        #expect(queue.kernelCache.count == 1)
        // Checked out and not yet launched: a second request gets another object.
        let source = { () throws(EngineError) -> String in GeneratorSource.group(.float32, fp64: kernels.fp64) }
        let first = try kernels.kernel("cache-test", "eye", queue: queue, op: "test", source: source)
        let second = try kernels.kernel("cache-test", "eye", queue: queue, op: "test", source: source)
        #expect(first !== second)
        #expect(queue.kernelCache.count == 1)
        withExtendedLifetime((first, second)) {}
    }

    @Test func mapGivesHostAccessAndUnmapPublishesWrites() throws {
        let memory = try CLMemory(context: testbed.context, bytes: 12, flags: [.readWrite, .allocHostPointer])
        let pointer = try memory.map(count: 12, write: true, queue: testbed.queue)
        pointer.assumingMemoryBound(to: Float.self).update(from: [9, 10, 11], count: 3)
        try memory.unmap(pointer, queue: testbed.queue).wait()
        #expect(try readFloats(memory, count: 3, queue: testbed.queue) == [9, 10, 11])
    }

    @Test func rawHandleRoundTripsAndRetainingKeepsTheBufferAlive() throws {
        var original: CLMemory? = try floats([5, 6])
        let raw = original!.rawHandle
        let ref = CLArrayRef(rawHandle: raw, shape: [2], dtype: .float32)
        #expect(ref.memory == original!.handle)
        let adopted = CLMemory(retaining: raw, bytes: 8)
        original = nil
        #expect(try readFloats(adopted, count: 2, queue: testbed.queue) == [5, 6])
    }

    @Test func outOfRangeTransfersAreErrorsNotCrashes() throws {
        let memory = try CLMemory(context: testbed.context, bytes: 8)
        var sink = [UInt8](repeating: 0, count: 16)
        let error = sink.withUnsafeMutableBytes { raw in
            #expect(throws: EngineError.self) { try memory.read(into: raw.baseAddress!, count: 16, queue: testbed.queue) }
        }
        #expect(error?.kind == .argument)
        #expect(throws: EngineError.self) { try CLMemory(context: testbed.context, bytes: -1) }
    }

    @Test func buildFailureCarriesTheBuildLog() throws {
        let error = #expect(throws: EngineError.self) {
            try CLProgram.build(source: "__kernel void k(__global float *x) { x[0] = undeclared_name; }", options: "", context: testbed.context, op: "test")
        }
        #expect(error?.op == "test")
        #expect(error?.message.contains("CL_BUILD_PROGRAM_FAILURE") == true)
        #expect(error?.message.contains("undeclared_name") == true)
    }

    @Test func statusNamesComeFromTheHeaders() {
        #expect(CLStatus(rawValue: -5).description == "CL_OUT_OF_RESOURCES")
        #expect(CLStatus.platformNotFound.description == "CL_PLATFORM_NOT_FOUND_KHR")
        #expect(CLStatus(rawValue: -9999).description == "CL error -9999")
    }
}

/// A value shared with a driver callback thread.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func update(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}

@Suite("OpenCL clock calibration")
struct ClockCalibrationTests {
    @Test func calibratedKernelTimesFallBetweenTheHostReadsAroundThem() throws {
        let testbed = try OpenCLTestbed.shared.get()
        let calibration = try CLClockCalibration.calibrate(queue: testbed.queue)
        let out = try CLMemory(context: testbed.context, bytes: 1 << 20)
        let before = EngineClock.now()
        let event = try testbed.kernels.enqueue(
            .full(.int(1)), inputs: [], output: CLArrayRef(memory: out.handle, shape: [1 << 18], dtype: .int32),
            queue: testbed.queue, waitFor: [])
        try event.wait()
        let after = EngineClock.now()
        let p = try event.profile
        let slack = calibration.uncertainty + 1_000_000
        #expect(calibration.engineTime(p.started) + slack >= before)
        #expect(calibration.engineTime(p.ended) <= after + slack)
        #expect(calibration.engineTime(p.started) <= calibration.engineTime(p.ended))
    }
}
