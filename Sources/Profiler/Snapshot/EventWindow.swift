/// The recent events of one kind on one stream, oldest first, stored in fixed-size chunks so a
/// snapshot shares them instead of copying: taking one costs O(chunks), not O(events).
public struct EventWindow<Element: Sendable>: RandomAccessCollection, Sendable {
    /// Every chunk but the last holds exactly `chunkSize` elements.
    var chunks: [[Element]]
    let chunkSize: Int
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

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
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

    /// Inserts keeping `key` ascending, searching back from the end (events arrive nearly in order).
    /// Only the newest chunk is searched; an element older than all of it is appended.
    mutating func insertOrdered(_ element: Element, key: (Element) -> UInt64) {
        guard let lastChunk = chunks.indices.last, let newest = chunks[lastChunk].last, key(newest) > key(element),
            chunks[lastChunk].count < chunkSize
        else {
            append(element)
            return
        }
        var position = chunks[lastChunk].count
        let k = key(element)
        while position > 0, key(chunks[lastChunk][position - 1]) > k { position -= 1 }
        chunks[lastChunk].insert(element, at: position)
        count += 1
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
