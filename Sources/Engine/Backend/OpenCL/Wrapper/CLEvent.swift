import COpenCL

/// A command's completion (or a user event the host completes); owns one `cl_event` reference.
///
/// Events are how streams order work across queues and devices: pass them in `waitFor` of a later
/// command, wait on them from a CPU worker, or read their profiling times for the timeline.
final class CLEvent: @unchecked Sendable {
    let handle: cl_event

    /// Takes ownership of a handle that already carries one reference.
    init(owning handle: cl_event) { self.handle = handle }

    deinit { clReleaseEvent(handle) }

    /// A user event: pending until `setComplete(error:)`. CPU→GPU dependencies use one of these.
    static func user(context: CLContext) throws(EngineError) -> CLEvent {
        var code: cl_int = 0
        let event = clCreateUserEvent(context.handle, &code)
        try clCheck(code, "clCreateUserEvent", op: "opencl")
        guard let event else { throw EngineError(op: "opencl", kind: .device, "clCreateUserEvent returned no event") }
        return CLEvent(owning: event)
    }

    /// Completes a user event; a non-nil error marks it failed, so commands waiting on it fail too.
    func setComplete(error: Bool = false) throws(EngineError) {
        try clCheck(clSetUserEventStatus(handle, error ? -1 : CL_COMPLETE), "clSetUserEventStatus", op: "opencl")
    }

    /// Blocks until the command has finished; throws if it ended in an error status.
    func wait(op: String = "opencl") throws(EngineError) {
        var event: cl_event? = handle
        try clCheck(clWaitForEvents(1, &event), "clWaitForEvents", op: op)
    }

    enum Status: Equatable, Sendable {
        case queued, submitted, running, complete
        /// The command failed with this status.
        case failed(CLStatus)
    }

    var status: Status {
        get throws(EngineError) {
            let raw = try CLInfo.value(cl_int.self, "clGetEventInfo", op: "opencl") {
                clGetEventInfo(handle, cl_event_info(CL_EVENT_COMMAND_EXECUTION_STATUS), $0, $1, $2)
            }
            switch raw {
            case CL_QUEUED: return .queued
            case CL_SUBMITTED: return .submitted
            case CL_RUNNING: return .running
            case CL_COMPLETE: return .complete
            default: return .failed(CLStatus(rawValue: raw))
            }
        }
    }

    /// Device timestamps in nanoseconds (the device's own clock), available once complete on a
    /// profiling queue; user events and markers may have none (`CL_PROFILING_INFO_NOT_AVAILABLE`).
    struct Profile: Equatable, Sendable {
        let queued: UInt64
        let submitted: UInt64
        let started: UInt64
        let ended: UInt64
    }

    var profile: Profile {
        get throws(EngineError) {
            func read(_ param: Int32) throws(EngineError) -> UInt64 {
                try CLInfo.value(cl_ulong.self, "clGetEventProfilingInfo", op: "opencl") {
                    clGetEventProfilingInfo(handle, cl_profiling_info(param), $0, $1, $2)
                }
            }
            return Profile(
                queued: try read(CL_PROFILING_COMMAND_QUEUED), submitted: try read(CL_PROFILING_COMMAND_SUBMIT),
                started: try read(CL_PROFILING_COMMAND_START), ended: try read(CL_PROFILING_COMMAND_END))
        }
    }

    /// Calls `body` once the event completes (or fails, with the failing status) on a driver thread.
    /// The closure is boxed and retained until the driver calls back.
    func onComplete(_ body: @escaping @Sendable (CLStatus) -> Void) throws(EngineError) {
        let box = Unmanaged.passRetained(CallbackBox(body))
        let trampoline: @convention(c) (cl_event?, cl_int, UnsafeMutableRawPointer?) -> Void = { _, status, user in
            guard let user else { return }
            let box = Unmanaged<CallbackBox>.fromOpaque(user).takeRetainedValue()
            box.body(CLStatus(rawValue: status))
        }
        let code = clSetEventCallback(handle, CL_COMPLETE, trampoline, box.toOpaque())
        if code != CL_SUCCESS {
            box.release()
            try clCheck(code, "clSetEventCallback", op: "opencl")
        }
    }

    private final class CallbackBox: @unchecked Sendable {
        let body: @Sendable (CLStatus) -> Void
        init(_ body: @escaping @Sendable (CLStatus) -> Void) { self.body = body }
    }

    /// Runs an enqueue call with `waitFor` as its wait list and wraps the event it returns.
    static func enqueue(
        _ call: StaticString, op: String, waitFor: [CLEvent],
        _ body: (cl_uint, UnsafePointer<cl_event?>?, UnsafeMutablePointer<cl_event?>) -> cl_int
    ) throws(EngineError) -> CLEvent {
        var event: cl_event?
        let handles: [cl_event?] = waitFor.map { $0.handle }
        let code = handles.withUnsafeBufferPointer { list in
            body(cl_uint(list.count), list.isEmpty ? nil : list.baseAddress, &event)
        }
        try clCheck(code, call, op: op)
        guard let event else { throw EngineError(op: op, kind: .device, "\(call) returned no event") }
        // The wait list's events must outlive the call only; the driver retains what it needs.
        withExtendedLifetime(waitFor) {}
        return CLEvent(owning: event)
    }
}
