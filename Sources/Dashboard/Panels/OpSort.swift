/// The op table's sort key; `s` cycles through them in this order.
public enum OpSort: Int, CaseIterable, Hashable, Sendable {
    case total, mean, p99, count, name

    /// The table column the sort indicator sits on.
    var column: Int {
        switch self {
        case .name: 0
        case .count: 2
        case .total: 3
        case .mean: 4
        case .p99: 7
        }
    }

    public var next: OpSort { OpSort(rawValue: (rawValue + 1) % OpSort.allCases.count)! }

    /// Largest first for numbers (what costs most on top), alphabetical for names; ties by
    /// name then device so the order is stable from frame to frame.
    public func sorted(_ rows: [OpRow]) -> [OpRow] {
        rows.sorted { a, b in
            func key(_ r: OpRow) -> Double {
                switch self {
                case .total: r.total
                case .mean: r.mean
                case .p99: r.p99
                case .count: Double(r.count)
                case .name: 0
                }
            }
            if self != .name, key(a) != key(b) { return key(a) > key(b) }
            return (a.name, a.device) < (b.name, b.device)
        }
    }
}
