/// The recent events of one kind on one stream, oldest first, stored in fixed-size chunks so a
/// snapshot shares them instead of copying: taking one costs O(chunks), not O(events). Reading is
/// `@inlinable` so the dashboard's per-frame scans (another module) specialise for the element
/// type instead of looking up generic metadata and copying through value witnesses per element.
public struct EventWindow<Element: Sendable>: RandomAccessCollection, Sendable {
    /// Every chunk but the last holds exactly `chunkSize` elements.
    @usableFromInline var chunks: [[Element]]
    @usableFromInline let chunkSize: Int
    public private(set) var count: Int

    public init() { self.init(chunkSize: 1024) }

    init(chunkSize: Int) {
        chunks = []
        self.chunkSize = Swift.max(1, chunkSize)
        count = 0
    }

    public init(_ elements: [Element]) {
        self.init(chunkSize: 1024)
        for element in elements { append(element) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "EventWindow index \(position) out of 0..<\(count)")
        return chunks[position / chunkSize][position % chunkSize]
    }

    mutating func append(_ element: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == chunkSize {
            var chunk: [Element] = []
            chunk.reserveCapacity(chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Merges a batch sorted by `key` into the window (sorted by `key`). Events arrive nearly in
    /// order, so usually the batch is appended; otherwise only the overlapping tail is rewritten.
    mutating func merge(_ batch: [Element], key: (Element) -> UInt64) {
        guard let firstKey = batch.first.map(key) else { return }
        // The first position whose key is greater than the batch's first.
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if key(self[mid]) <= firstKey { low = mid + 1 } else { high = mid }
        }
        guard low < count else {
            for element in batch { append(element) }
            return
        }
        let tail = Array(self[low...])
        truncate(to: low)
        var i = 0
        var j = 0
        while i < tail.count || j < batch.count {
            if j == batch.count || (i < tail.count && key(tail[i]) <= key(batch[j])) {
                append(tail[i])
                i += 1
            } else {
                append(batch[j])
                j += 1
            }
        }
    }

    /// Keeps the first `n` elements.
    private mutating func truncate(to n: Int) {
        let keepChunks = (n + chunkSize - 1) / chunkSize
        chunks.removeLast(chunks.count - keepChunks)
        if let last = chunks.indices.last { chunks[last].removeLast(chunks[last].count - (n - last * chunkSize)) }
        count = n
    }

    /// Drops whole chunks from the front until at most `limit` elements remain (may keep up to one chunk more).
    mutating func trim(toAbout limit: Int) {
        var drop = 0
        while count - drop * chunkSize > limit + chunkSize, drop < chunks.count - 1 { drop += 1 }
        guard drop > 0 else { return }
        chunks.removeFirst(drop)
        count -= drop * chunkSize
    }
}
