/// The shape of the tuned float32 matmul kernel (`SgemmSource`): each work-group computes a
/// `tileM × tileN` block of C with `(tileN / workN) × (tileM / workM)` work-items, each holding a
/// `workM × workN` register tile, while `tileK`-deep slices of A and B are staged in local memory
/// (two buffers, so loading the next slice overlaps computing on the current one). `vector` is the
/// width of the accumulator vectors along N: 4 for GPUs, 16 for AVX-512 CPU devices.
///
/// ```swift
/// let tiles = SgemmTiles(tileM: 128, tileN: 128, tileK: 16, workM: 8, workN: 8)   // 256 work-items
/// tiles.description   // "128x128x16/8x8" (a vector width other than 4 is added: "64x64x32/4x16v16")
/// ```
/// Register tiles are read from local memory as float4, so `workM` and `workN` are multiples of 4.
public struct SgemmTiles: Hashable, Sendable, Codable, CustomStringConvertible {
    public let tileM: Int
    public let tileN: Int
    public let tileK: Int
    public let workM: Int
    public let workN: Int
    public let vector: Int

    public init(tileM: Int, tileN: Int, tileK: Int, workM: Int, workN: Int, vector: Int = 4) {
        self.tileM = tileM
        self.tileN = tileN
        self.tileK = tileK
        self.workM = workM
        self.workN = workN
        self.vector = vector
    }

    private enum CodingKeys: String, CodingKey { case tileM, tileN, tileK, workM, workN, vector }

    /// `vector` may be absent (4).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tileM: try c.decode(Int.self, forKey: .tileM), tileN: try c.decode(Int.self, forKey: .tileN),
            tileK: try c.decode(Int.self, forKey: .tileK), workM: try c.decode(Int.self, forKey: .workM),
            workN: try c.decode(Int.self, forKey: .workN), vector: try c.decodeIfPresent(Int.self, forKey: .vector) ?? 4)
    }

    /// Work-items along N (dimension 0) and along M (dimension 1).
    var localSize: [Int] { [tileN / workN, tileM / workM] }
    public var groupSize: Int { (tileN / workN) * (tileM / workM) }

    /// Bytes of local memory: two buffers of A (padded rows of `tileM + 4`) and of B (`tileN`).
    public var localBytes: Int { 2 * tileK * (tileM + 4 + tileN) * 4 }

    /// "128x128x16/8x8": tile M×N×K / register tile M×N (the form `--tiles` and the cache use).
    public var description: String { "\(tileM)x\(tileN)x\(tileK)/\(workM)x\(workN)" + (vector == 4 ? "" : "v\(vector)") }

    /// Parses `description`'s form; nil when malformed.
    public init?(parsing text: String) {
        let halves = text.split(separator: "/")
        guard halves.count == 2 else { return nil }
        let tile = halves[0].split(separator: "x").compactMap { Int($0) }
        let register = halves[1].split(separator: "v", omittingEmptySubsequences: false)
        guard register.count <= 2, let vector = register.count == 2 ? Int(register[1]) : 4 else { return nil }
        let work = register[0].split(separator: "x").compactMap { Int($0) }
        guard tile.count == 3, work.count == 2 else { return nil }
        self.init(tileM: tile[0], tileN: tile[1], tileK: tile[2], workM: work[0], workN: work[1], vector: vector)
    }

    /// Why the kernel cannot be generated with these tiles, or nil when it can: every work-item
    /// loads whole float4s of each slice, and register tiles are float4 columns.
    public var problem: String? {
        guard [tileM, tileN, tileK, workM, workN].allSatisfy({ $0 > 0 }) else { return "sizes must be positive" }
        guard workM % 4 == 0, workN % 4 == 0 else { return "register tiles must be multiples of 4" }
        guard [4, 8, 16].contains(vector), workN % vector == 0 else { return "the vector width must be 4, 8 or 16 and divide workN" }
        guard tileM % workM == 0, tileN % workN == 0 else { return "tiles must be multiples of the register tiles" }
        guard tileK % 4 == 0 else { return "tileK must be a multiple of 4" }
        let chunksA = tileM * tileK / 4
        let chunksB = tileK * tileN / 4
        guard chunksA % groupSize == 0, chunksB % groupSize == 0 else {
            return "the \(groupSize) work-items cannot share the float4 loads of a slice evenly"
        }
        return nil
    }

    /// Whether a device with these limits can run the kernel.
    public func fits(maxWorkGroupSize: Int, localMemory: UInt64) -> Bool {
        problem == nil && groupSize <= maxWorkGroupSize && UInt64(localBytes) <= localMemory
    }
}
