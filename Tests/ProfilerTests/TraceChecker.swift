import Foundation
import Testing

/// Checks a Chrome trace against the format's rules as Perfetto's JSON importer applies them
/// (notes/dashboards-and-traces.md §3) and returns what it found for further assertions.
struct TraceChecker {
    struct Track: Hashable { let pid: Int; let tid: Int }

    var processNames: [Int: String] = [:]
    var threadNames: [Track: String] = [:]
    var slices: [[String: Any]] = []
    var flows: [Int: [[String: Any]]] = [:]
    var counters: [[String: Any]] = []
    var other: [String: Any] = [:]
    var problems: [String] = []

    init(_ data: Data) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        other = root["otherData"] as? [String: Any] ?? [:]
        if root["displayTimeUnit"] as? String == nil { problems.append("no displayTimeUnit") }
        var lastTs = -Double.infinity
        var seenNonMetadata = false
        for e in events {
            guard let ph = e["ph"] as? String else {
                problems.append("event without ph: \(e)")
                continue
            }
            let pid = e["pid"] as? Int
            let tid = e["tid"] as? Int
            if ph == "M" {
                if seenNonMetadata { problems.append("metadata after timed events") }
                let name = (e["args"] as? [String: Any])?["name"] as? String
                switch e["name"] as? String {
                case "process_name": processNames[pid ?? -1] = name
                case "thread_name": threadNames[Track(pid: pid ?? -1, tid: tid ?? -1)] = name
                default: break
                }
                continue
            }
            seenNonMetadata = true
            guard let ts = (e["ts"] as? NSNumber)?.doubleValue else {
                problems.append("no ts: \(e)")
                continue
            }
            if ts < lastTs { problems.append("out of time order at ts \(ts)") }
            lastTs = ts
            switch ph {
            case "X":
                guard let dur = (e["dur"] as? NSNumber)?.doubleValue, dur >= 0, e["name"] is String else {
                    problems.append("bad slice: \(e)")
                    continue
                }
                slices.append(e)
            case "s", "f": flows[(e["id"] as? Int) ?? -1, default: []].append(e)
            case "C":
                counters.append(e)
                let args = e["args"] as? [String: Any] ?? [:]
                if args.isEmpty || !args.values.allSatisfy({ $0 is NSNumber }) { problems.append("counter args not numbers: \(e)") }
            case "i": break
            default: problems.append("unexpected phase \(ph)")
            }
        }
        // Perfetto keys thread names by tid alone: a tid must belong to one process.
        let tidOwners = Dictionary(grouping: threadNames.keys, by: \.tid)
        for (tid, tracks) in tidOwners where tracks.count > 1 { problems.append("tid \(tid) named in \(tracks.count) processes") }
        for s in slices {
            let track = Track(pid: s["pid"] as? Int ?? -1, tid: s["tid"] as? Int ?? -1)
            if threadNames[track] == nil { problems.append("slice on an unnamed track: \(s)") }
            if processNames[track.pid] == nil { problems.append("slice in an unnamed process: \(s)") }
        }
        checkFlows()
        checkCounters()
    }

    private mutating func checkFlows() {
        var byTrack: [Track: [(Double, Double)]] = [:]
        for s in slices {
            let track = Track(pid: s["pid"] as! Int, tid: s["tid"] as! Int)
            let ts = (s["ts"] as! NSNumber).doubleValue
            byTrack[track, default: []].append((ts, ts + (s["dur"] as! NSNumber).doubleValue))
        }
        func insideSlice(_ e: [String: Any]) -> Bool {
            let track = Track(pid: e["pid"] as? Int ?? -1, tid: e["tid"] as? Int ?? -1)
            let ts = (e["ts"] as! NSNumber).doubleValue
            return byTrack[track, default: []].contains { $0.0 <= ts && ts <= $0.1 }
        }
        for (id, ends) in flows {
            let starts = ends.filter { $0["ph"] as? String == "s" }
            let finishes = ends.filter { $0["ph"] as? String == "f" }
            guard starts.count == 1, finishes.count == 1 else {
                problems.append("flow \(id): \(starts.count) starts, \(finishes.count) finishes")
                continue
            }
            let s = starts[0]
            let f = finishes[0]
            if s["cat"] as? String != f["cat"] as? String || s["name"] as? String != f["name"] as? String || s["cat"] == nil {
                problems.append("flow \(id): cat/name differ")
            }
            if f["bp"] as? String != "e" { problems.append("flow \(id): finish without bp:e") }
            if !insideSlice(s) || !insideSlice(f) { problems.append("flow \(id): an end is not inside a slice on its track") }
        }
    }

    private mutating func checkCounters() {
        var last: [String: Double] = [:]
        for c in counters {
            let key = "\(c["pid"] ?? "?")/\(c["name"] ?? "?")"
            let ts = (c["ts"] as! NSNumber).doubleValue
            if ts < last[key] ?? -.infinity { problems.append("counter \(key) goes back in time") }
            last[key] = ts
        }
    }

    /// Slices whose track is named `name`.
    func slices(onTrackNamed name: String) -> [[String: Any]] {
        slices.filter { threadNames[Track(pid: $0["pid"] as! Int, tid: $0["tid"] as! Int)] == name }
    }
}
