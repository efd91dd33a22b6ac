/// Fills, ranges, identity and random draws.
extension Launch {
    func fill(_ output: CLArrayRef, _ value: Scalar) throws(EngineError) -> CLEvent {
        let pattern: [UInt8] =
            switch output.dtype {
            case .bool: [value.doubleValue != 0 ? 1 : 0]
            case .int32: littleEndianBytes(Int32(truncatingIfNeeded: value.int64Value))
            case .int64: littleEndianBytes(value.int64Value)
            case .float16: littleEndianBytes(Float16(Float(value.doubleValue)).bitPattern)
            case .float32: littleEndianBytes(Float(value.doubleValue).bitPattern)
            }
        return try CLMemory.fill(
            output.memory, pattern: pattern, offset: 0, count: output.count * output.dtype.size, queue: queue,
            waitFor: waitFor, op: op)
    }

    func arange(_ output: CLArrayRef, start: Double, step: Double) throws(EngineError) -> CLEvent {
        let t = CLTypeInfo(output.dtype)
        if output.dtype.isInteger, start.rounded() == start, step.rounded() == step {
            let k = try kernel("gen.\(t.tag).\(fp64)", "arange_int") { GeneratorSource.group(output.dtype, fp64: fp64) }
            try k.set(0, memory: output.memory, op: op)
            try k.set(1, Int64(start), op: op)
            try k.set(2, Int64(step), op: op)
            try k.set(3, Int64(output.count), op: op)
            return try run(k, count: output.count)
        }
        guard fp64 else { return try hostWrite(output) { start + Double($0) * step } }
        let k = try kernel("gen.\(t.tag).\(fp64)", "arange_double") { GeneratorSource.group(output.dtype, fp64: fp64) }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, start, op: op)
        try k.set(2, step, op: op)
        try k.set(3, Int64(output.count), op: op)
        return try run(k, count: output.count)
    }

    func linspace(_ output: CLArrayRef, start: Double, stop: Double) throws(EngineError) -> CLEvent {
        let count = output.count
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        guard fp64 else {
            return try hostWrite(output) { i in i == count - 1 && count > 1 ? stop : start + Double(i) * step }
        }
        let t = CLTypeInfo(output.dtype)
        let k = try kernel("gen.\(t.tag).\(fp64)", "linspace_double") { GeneratorSource.group(output.dtype, fp64: fp64) }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, start, op: op)
        try k.set(2, stop, op: op)
        try k.set(3, step, op: op)
        try k.set(4, Int64(count), op: op)
        return try run(k, count: count)
    }

    func eye(_ output: CLArrayRef, k diagonal: Int) throws(EngineError) -> CLEvent {
        guard output.shape.count == 2 else { throw .shape(op, "expects a 2-d output, got \(formatShape(output.shape))") }
        let t = CLTypeInfo(output.dtype)
        let k = try kernel("gen.\(t.tag).\(fp64)", "eye") { GeneratorSource.group(output.dtype, fp64: fp64) }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, Int64(output.shape[1]), op: op)
        try k.set(2, Int64(diagonal), op: op)
        try k.set(3, Int64(output.count), op: op)
        return try run(k, count: output.count)
    }

    /// Uniform on [a, b) or normal with mean a and deviation b, with the CPU's float32 recipe.
    func random(_ output: CLArrayRef, key: RandomKey, normal: Bool, a: Double, b: Double) throws(EngineError) -> CLEvent {
        guard output.dtype.isFloatingPoint else { throw .dtype(op, "can only generate floating-point values, got \(output.dtype)") }
        let t = CLTypeInfo(output.dtype)
        let k = try kernel("random.\(t.tag).\(fp64)", normal ? "normal" : "uniform") {
            GeneratorSource.random(output.dtype, fp64: fp64)
        }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, key.high, op: op)
        try k.set(2, key.low, op: op)
        try k.set(3, Int64(output.count), op: op)
        if normal {
            let lo = Float(-1).nextUp
            try k.set(4, lo, op: op)
            try k.set(5, Float(1) - lo, op: op)
            try k.set(6, Float(2.0.squareRoot()), op: op)
            try k.set(7, Float(b), op: op)
            try k.set(8, Float(a), op: op)
        } else {
            let lo = Float(a)
            try k.set(4, lo, op: op)
            try k.set(5, Float(b) - lo, op: op)
        }
        return try run(k, count: output.count)
    }

    /// Without fp64, ranges are computed on the host (as `GeneratorKernels.generate`) and written.
    private func hostWrite(_ output: CLArrayRef, _ f: (Int) -> Double) throws(EngineError) -> CLEvent {
        var data: [UInt8] = []
        data.reserveCapacity(output.count * output.dtype.size)
        for i in 0..<output.count {
            let v = f(i)
            switch output.dtype {
            case .bool: data.append(v != 0 ? 1 : 0)
            case .int32: data += littleEndianBytes(Int32(converting: v))
            case .int64: data += littleEndianBytes(Int64(saturating: v))
            case .float16: data += littleEndianBytes(Float16(Float(v)).bitPattern)
            case .float32: data += littleEndianBytes(Float(v).bitPattern)
            }
        }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(EngineError) -> CLEvent in
                try CLMemory.writeBlocking(
                    output.memory, from: raw.baseAddress!, offset: 0, count: raw.count, queue: queue, waitFor: waitFor, op: op)
            }
        }
        return try result.get()
    }
}
