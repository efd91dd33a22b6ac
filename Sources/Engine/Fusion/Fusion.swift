/// The fusion pass `compile` runs on the graph a compiled function just built.
///
/// A region is a maximal set of pending float32 elementwise nodes (fusable unary and binary ops)
/// on one stream with one output shape, whose members other than the region's root are used only
/// inside the region. Members are found consumers-first: a node joins the region of its consumers
/// when all of them are in that one region (so no value leaves a region except its root, and no
/// cycle can form through an outside node). Float32 constants feeding a region (the weak
/// scalars of `x * 0.5`, a `full`, a broadcast of either) become literals of the program.
/// The root's node is replaced by one `.fused` node over the region's external inputs; the other
/// members keep their nodes (whoever still holds one can still evaluate it) and are freed when
/// nothing refers to them. A region with a single op is left alone.
enum Fusion {
    /// Rewrites the pending subgraph that produces `outputs`: only nodes whose tensors were created
    /// at or after `firstNewID` (those the compiled function built), never the function's `inputs`.
    /// Returns the number of fused nodes made.
    @discardableResult
    static func rewrite(outputs: [Tensor], inputs: [Tensor], firstNewID: Int) -> Int {
        Scheduler.lock.withLock { rewriteLocked(outputs: outputs, inputs: inputs, firstNewID: firstNewID) }
    }

    private static func rewriteLocked(outputs: [Tensor], inputs: [Tensor], firstNewID: Int) -> Int {
        let boundary = Set(inputs.map(ObjectIdentifier.init))
        func isNew(_ t: Tensor) -> Bool {
            t.node != nil && t.producer == nil && t.id >= firstNewID && !boundary.contains(ObjectIdentifier(t))
        }
        let order = GraphWalk.order(outputs, including: isNew)
        guard order.count >= 2 else { return 0 }
        var index: [ObjectIdentifier: Int] = [:]
        for (k, t) in order.enumerated() { index[ObjectIdentifier(t)] = k }
        var consumers = [[Int]](repeating: [], count: order.count)
        for (k, t) in order.enumerated() {
            for input in t.node!.inputs {
                if let producer = index[ObjectIdentifier(input)], consumers[producer].last != k { consumers[producer].append(k) }
            }
        }
        let isOutput = Set(outputs.map(ObjectIdentifier.init))

        // Consumers first: each fusable node joins its consumers' region or starts its own.
        var region = [Int?](repeating: nil, count: order.count)
        for k in order.indices.reversed() where fusable(order[k]) {
            let t = order[k]
            if !isOutput.contains(ObjectIdentifier(t)), let first = consumers[k].first, let r = region[first],
                consumers[k].allSatisfy({ region[$0] == r }), order[r].node!.stream === t.node!.stream, order[r].shape == t.shape
            {
                region[k] = r
            } else {
                region[k] = k
            }
        }

        var members: [Int: [Int]] = [:]
        for k in order.indices { if let r = region[k] { members[r, default: []].append(k) } }
        var fused = 0
        for (root, list) in members where list.count >= 2 {
            let (program, externals) = program(for: list.map { order[$0] }, isNew: isNew)
            let tensor = order[root]
            tensor.node = Node(.fused(program), externals, stream: tensor.node!.stream)
            fused += 1
        }
        return fused
    }

    /// A pending float32 elementwise node whose op a fused program can run.
    private static func fusable(_ t: Tensor) -> Bool {
        guard t.dtype == .float32, let node = t.node, node.inputs.allSatisfy({ $0.dtype == .float32 }) else { return false }
        switch node.primitive {
        case .unary(let op): return FusedProgram.fusable(op)
        case .binary(let op): return FusedProgram.fusable(op)
        default: return false
        }
    }

    /// The program of one region (`members` in topological order; the last is the root) and the
    /// external inputs its `.input` instructions index.
    private static func program(for members: [Tensor], isNew: (Tensor) -> Bool) -> (FusedProgram, [Tensor]) {
        var instructions: [FusedProgram.Instruction] = []
        var slots: [ObjectIdentifier: Int] = [:]
        var literals: [UInt32: Int] = [:]
        var externals: [Tensor] = []
        let inRegion = Set(members.map(ObjectIdentifier.init))

        func slot(_ t: Tensor) -> Int {
            if let s = slots[ObjectIdentifier(t)] { return s }
            precondition(!inRegion.contains(ObjectIdentifier(t)), "a region member is used before it is defined")
            if let value = scalarConstant(t, isNew: isNew) {
                let bits = value.bitPattern
                if let s = literals[bits] { return s }
                instructions.append(.literal(bits))
                literals[bits] = instructions.count - 1
                return instructions.count - 1
            }
            instructions.append(.input(externals.count))
            externals.append(t)
            slots[ObjectIdentifier(t)] = instructions.count - 1
            return instructions.count - 1
        }

        for t in members {
            let node = t.node!
            switch node.primitive {
            case .unary(let op):
                instructions.append(.unary(op, slot(node.inputs[0])))
            case .binary(let op):
                let a = slot(node.inputs[0])
                instructions.append(.binary(op, a, slot(node.inputs[1])))
            default:
                preconditionFailure("only elementwise ops join a region")
            }
            slots[ObjectIdentifier(t)] = instructions.count - 1
        }
        return (FusedProgram(instructions: instructions, inputCount: externals.count), externals)
    }

    /// The value of a float32 constant: an evaluated host scalar of one element (a weak scalar such
    /// as the `0.5` of `x * 0.5`), a new `full` of any shape, or a new broadcast of either.
    private static func scalarConstant(_ t: Tensor, isNew: (Tensor) -> Bool) -> Float? {
        guard t.dtype == .float32 else { return nil }
        if t.node == nil, t.producer == nil, t.size == 1, let data = t.data, data.buffer.isHostAccessible {
            return data.pointer(as: Float.self)[0]
        }
        guard isNew(t), let node = t.node else { return nil }
        switch node.primitive {
        case .full(let value): return Float(value.doubleValue)
        case .broadcast: return scalarConstant(node.inputs[0], isNew: isNew)
        default: return nil
        }
    }
}
