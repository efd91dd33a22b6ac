/// Timed samples of ours and a peer taken in turns, who goes first alternating, so clock boosts,
/// thermal state and other load hit both sides alike.
///
/// ```swift
/// let plan = SamplingPlan(minimum: 5, maximum: 51, seconds: 1)
/// let (ours, peer) = try plan.alternate(ours: { try run() }, peer: { try blast() })
/// ```
struct SamplingPlan {
    /// Samples each side gets at least (after one untimed warm-up call); 3 when one round takes
    /// over twice `seconds`, so a slow device at large sizes keeps the run to minutes.
    let minimum: Int
    /// Samples each side gets at most.
    let maximum: Int
    /// Between the two, sampling goes on until this many seconds have passed in timed calls.
    let seconds: Double

    /// One sample each: smoke tests.
    static let quick = SamplingPlan(minimum: 1, maximum: 1, seconds: 0)
    static let standard = SamplingPlan(minimum: 5, maximum: 51, seconds: 1)

    /// Seconds per call for each side that is present; a side passed as nil gets no samples.
    func alternate(ours: (() throws -> Void)?, peer: (() throws -> Void)?) throws -> (ours: [Double], peer: [Double]) {
        try ours?()
        try peer?()
        var oursTimes: [Double] = []
        var peerTimes: [Double] = []
        var spent = 0.0
        var round = 0
        var minimum = minimum
        while round < maximum && (round < minimum || spent < seconds) {
            let order = round % 2 == 0 ? [ours, peer] : [peer, ours]
            for (index, body) in order.enumerated() {
                guard let body else { continue }
                let start = EngineBenchmark.now()
                try body()
                let elapsed = EngineBenchmark.now() - start
                spent += elapsed
                let isOurs = (index == 0) == (round % 2 == 0)
                if isOurs { oursTimes.append(elapsed) } else { peerTimes.append(elapsed) }
            }
            if round == 0 && spent > 2 * seconds { minimum = Swift.min(minimum, 3) }
            round += 1
        }
        return (oursTimes, peerTimes)
    }
}
