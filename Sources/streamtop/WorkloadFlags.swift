import ArgumentParser

/// Turns the workload-specific tail of `streamtop run NAME --steps 5 --m=64` into
/// parameter name → text. Names are checked against the workload by `Catalog.validate`.
enum WorkloadFlags {
    static func parse(_ arguments: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag.hasPrefix("--"), flag.count > 2 else {
                throw ValidationError("unexpected argument '\(flag)' (workload parameters are given as --NAME VALUE)")
            }
            var name = String(flag.dropFirst(2))
            let value: String
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else {
                guard let next = rest.first, !next.hasPrefix("--") else { throw ValidationError("--\(name) needs a value") }
                value = next
                rest = rest.dropFirst()
            }
            guard values[name] == nil else { throw ValidationError("--\(name) is given twice") }
            values[name] = value
        }
        return values
    }
}
