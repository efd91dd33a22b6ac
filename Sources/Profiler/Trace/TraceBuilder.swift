import Engine
import Foundation

/// Turns a session into the trace's JSON (stub: filled in next).
struct TraceBuilder {
    let session: ProfileSession
    let metadata: [String: String]

    func json() -> Data { Data("{\"traceEvents\":[]}".utf8) }
}
