/// Freed blocks kept for reuse, by size class; each class in the order its blocks were freed.
///
/// `take` hands out the most recently freed block of the smallest class that fits (warm in cache);
/// `takeOldest` gives back the least recently freed block of all, for trimming. Both cost
/// O(classes) at worst, never O(blocks): a hundred thousand cached scalars stay cheap.
struct BlockCache {
    private struct Block {
        let memory: DeviceMemory
        let stamp: UInt64
    }

    /// A class's blocks, oldest first, with consumed slots at the front skipped.
    private struct Queue {
        var blocks: [Block] = []
        var head = 0
        var isEmpty: Bool { head == blocks.count }
        var oldest: Block? { isEmpty ? nil : blocks[head] }

        mutating func popNewest() -> Block? {
            guard !isEmpty else { return nil }
            let block = blocks.removeLast()
            if isEmpty {
                blocks.removeAll(keepingCapacity: true)
                head = 0
            }
            return block
        }

        mutating func popOldest() -> Block? {
            guard !isEmpty else { return nil }
            let block = blocks[head]
            head += 1
            if isEmpty {
                blocks.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 64, head * 2 > blocks.count {
                blocks.removeFirst(head)
                head = 0
            }
            return block
        }
    }

    private var classes: [Int: Queue] = [:]
    /// The power-of-two classes up to 16 KiB, by log₂, outside the dictionary: no hashing, and
    /// their queues keep their storage when empty, so a loop of small ops allocates nothing here.
    private var small = [Queue](repeating: Queue(), count: 15)
    private var clock: UInt64 = 0
    private(set) var bytes = 0

    var isEmpty: Bool { bytes == 0 }

    @inline(__always)
    private static func smallIndex(_ size: Int) -> Int? {
        size <= 1 << 14 && size > 0 && size & (size - 1) == 0 ? size.trailingZeroBitCount : nil
    }

    mutating func put(_ memory: DeviceMemory, size: Int) {
        clock += 1
        if let i = Self.smallIndex(size) {
            small[i].blocks.append(Block(memory: memory, stamp: clock))
        } else {
            classes[size, default: Queue()].blocks.append(Block(memory: memory, stamp: clock))
        }
        bytes += size
    }

    /// The newest block of the smallest class in `size ..< 2·size`, with its capacity. Below 16 KiB
    /// classes are powers of two, so only `size` itself is in that range.
    mutating func take(atLeast size: Int) -> (DeviceMemory, Int)? {
        if let i = Self.smallIndex(size), let block = small[i].popNewest() {
            bytes -= size
            return (block.memory, size)
        }
        var best: Int?
        if classes[size]?.isEmpty == false {
            best = size
        } else {
            for (key, queue) in classes where key > size && key < 2 * size && !queue.isEmpty {
                if best == nil || key < best! { best = key }
            }
        }
        guard let key = best, let block = classes[key]?.popNewest() else { return nil }
        if classes[key]?.isEmpty == true { classes[key] = nil }
        bytes -= key
        return (block.memory, key)
    }

    /// The least recently freed block of all, with its capacity.
    mutating func takeOldest() -> (DeviceMemory, Int)? {
        var best: (key: Int, stamp: UInt64)?
        for (key, queue) in classes {
            if let oldest = queue.oldest, best == nil || oldest.stamp < best!.stamp { best = (key, oldest.stamp) }
        }
        for (i, queue) in small.enumerated() {
            if let oldest = queue.oldest, best == nil || oldest.stamp < best!.stamp { best = (1 << i, oldest.stamp) }
        }
        if let key = best?.key, let i = Self.smallIndex(key) {
            guard let block = small[i].popOldest() else { return nil }
            bytes -= key
            return (block.memory, key)
        }
        guard let key = best?.key, let block = classes[key]?.popOldest() else { return nil }
        if classes[key]?.isEmpty == true { classes[key] = nil }
        bytes -= key
        return (block.memory, key)
    }
}
