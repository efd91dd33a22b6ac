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
            return blocks.removeLast()
        }

        mutating func popOldest() -> Block? {
            guard !isEmpty else { return nil }
            let block = blocks[head]
            head += 1
            if head > 64, head * 2 > blocks.count {
                blocks.removeFirst(head)
                head = 0
            }
            return block
        }
    }

    private var classes: [Int: Queue] = [:]
    private var clock: UInt64 = 0
    private(set) var bytes = 0

    var isEmpty: Bool { bytes == 0 }

    mutating func put(_ memory: DeviceMemory, size: Int) {
        clock += 1
        classes[size, default: Queue()].blocks.append(Block(memory: memory, stamp: clock))
        bytes += size
    }

    /// The newest block of the smallest class in `size ..< 2·size`, with its capacity.
    mutating func take(atLeast size: Int) -> (DeviceMemory, Int)? {
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
        guard let key = best?.key, let block = classes[key]?.popOldest() else { return nil }
        if classes[key]?.isEmpty == true { classes[key] = nil }
        bytes -= key
        return (block.memory, key)
    }
}
