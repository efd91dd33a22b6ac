import DequeModule

extension Deque {
    /// The elements as an array. An empty deque gives `[]` without `Array(_:)`: copying an empty
    /// deque writes a zero count into the runtime's shared empty-array storage, which
    /// ThreadSanitizer reports as a race with every other thread reading an empty array.
    var array: [Element] { isEmpty ? [] : Array(self) }
}
