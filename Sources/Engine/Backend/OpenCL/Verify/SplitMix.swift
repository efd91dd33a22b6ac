/// A small deterministic generator (SplitMix64) so every differential case draws the same data on
/// every run and machine; a failure message names the seed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Seeded from a case name, so adding a case does not change the others' data.
    init(name: String) { state = SourceHash.fnv(Array(name.utf8), basis: 0xcbf2_9ce4_8422_2325) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
