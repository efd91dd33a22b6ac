/// Count, total and maximum of a series of durations or sizes (waits between two streams, transfers).
struct PairTotals {
    var count = 0
    var total: UInt64 = 0
    var maximum: UInt64 = 0
    var bytes = 0

    mutating func add(_ ns: UInt64, bytes: Int = 0) {
        count += 1
        total &+= ns
        maximum = max(maximum, ns)
        self.bytes &+= bytes
    }
}
