import Synchronization

/// An n-dimensional array with a dtype — lazily computed.
///
/// A `Tensor` is a cheap reference: creating one with an op (`a + b`, `matmul(a, b)`) only records a
/// graph node whose shape and dtype were checked at once. Nothing is computed until `eval(...)`, or
/// a read (`item`, `toArray`, printing) which evaluates implicitly. After evaluation the node is
/// dropped, so intermediates are freed as soon as nothing needs them.
public final class Tensor: @unchecked Sendable {
    private static let ids = Atomic<Int>(0)
    /// The id the next tensor will get at the earliest (ids only grow): `compile` uses it to tell
    /// the nodes a function built from older ones.
    static var nextID: Int { ids.load(ordering: .relaxed) + 1 }

    public let shape: [Int]
    public let dtype: DType
    /// A process-unique id, used as the graph node id in traces.
    public let id: Int

    // Evaluation state. Guarded by `Scheduler.lock` once the tensor has been handed to a stream;
    // before that only the building thread touches it.
    /// Set once evaluated.
    var data: ArrayData?
    /// Set while pending; dropped after evaluation so inputs can be freed.
    var node: Node?
    /// Set when evaluation failed (the error of this op or of one it depends on).
    var error: EngineError?
    /// Completes when this tensor's value is ready, once scheduled (kept after evaluation: on an
    /// asynchronous device the value is ready later than `data` is set).
    var producer: Fence?

    init(shape: [Int], dtype: DType, node: Node) {
        self.shape = shape
        self.dtype = dtype
        self.node = node
        id = Self.ids.add(1, ordering: .relaxed).newValue
    }

    init(shape: [Int], dtype: DType, data: ArrayData) {
        self.shape = shape
        self.dtype = dtype
        self.data = data
        id = Self.ids.add(1, ordering: .relaxed).newValue
    }

    deinit {
        // Drop long unevaluated chains iteratively: a 100,000-deep graph must not overflow the stack.
        guard var pending = node?.takeInputs(), !pending.isEmpty else { return }
        while var tensor = pending.popLast() {
            if isKnownUniquelyReferenced(&tensor), let inputs = tensor.node?.takeInputs() {
                pending.append(contentsOf: inputs)
            }
        }
    }

    public var ndim: Int { shape.count }
    public var size: Int { Shape.count(shape) }
    public var nbytes: Int { size * dtype.size }
    /// True once the value is computed (a read will not block).
    public var isEvaluated: Bool {
        let (hasData, fence) = Scheduler.lock.withLock { (data != nil, producer) }
        return hasData && (fence?.isComplete ?? true)
    }

    /// The dimension at `axis` (negative counts from the end); an axis out of range is an error.
    public func dim(_ axis: Int) throws(EngineError) -> Int {
        shape[try Shape.normalizeAxis(axis, rank: shape.count, op: "dim")]
    }
}

/// A pending computation: a primitive applied to inputs on a stream.
final class Node: @unchecked Sendable {
    let primitive: Primitive
    private(set) var inputs: [Tensor]
    let stream: DeviceStream

    init(_ primitive: Primitive, _ inputs: [Tensor], stream: DeviceStream) {
        self.primitive = primitive
        self.inputs = inputs
        self.stream = stream
    }

    /// Whether input `i` is held by this node alone, and its buffer by that input alone: then the
    /// op may write its result into that buffer (MLX's donation), so `x = exp(x)` loops don't grow memory.
    func donatableBuffer(_ i: Int) -> Buffer? {
        guard isKnownUniquelyReferenced(&inputs[i]), inputs[i].data != nil,
            isKnownUniquelyReferenced(&inputs[i].data!.buffer)
        else { return nil }
        return inputs[i].data!.buffer
    }

    func takeInputs() -> [Tensor] {
        defer { inputs = [] }
        return inputs
    }
}
