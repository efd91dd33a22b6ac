/// Swift operators over tensors. Arithmetic uses the usual symbols; elementwise comparisons and
/// logic use the SIMD-style dotted forms (`.==`, `.<`, `.&&`) so `==` can keep meaning identity-free
/// equality elsewhere. A Swift number on either side adopts the tensor's dtype where it can.

infix operator .&& : LogicalConjunctionPrecedence
infix operator .|| : LogicalDisjunctionPrecedence

extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.add, a, b, .default) }
    public static func - (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.subtract, a, b, .default) }
    public static func * (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.multiply, a, b, .default) }
    public static func / (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.divide, a, b, .default) }
    public static func % (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.remainder, a, b, .default) }
    public static prefix func - (x: Tensor) throws(EngineError) -> Tensor { try unary(.negate, x, .default) }

    public static func + (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.add, a, WeakScalar.tensor(b, like: a, op: "add"), .default) }
    public static func + (a: Int, b: Tensor) throws(EngineError) -> Tensor { try binary(.add, WeakScalar.tensor(a, like: b, op: "add"), b, .default) }
    public static func - (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.subtract, a, WeakScalar.tensor(b, like: a, op: "subtract"), .default) }
    public static func - (a: Int, b: Tensor) throws(EngineError) -> Tensor { try binary(.subtract, WeakScalar.tensor(a, like: b, op: "subtract"), b, .default) }
    public static func * (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.multiply, a, WeakScalar.tensor(b, like: a, op: "multiply"), .default) }
    public static func * (a: Int, b: Tensor) throws(EngineError) -> Tensor { try binary(.multiply, WeakScalar.tensor(a, like: b, op: "multiply"), b, .default) }
    public static func / (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.divide, a, WeakScalar.tensor(b, like: a, op: "divide"), .default) }
    public static func / (a: Int, b: Tensor) throws(EngineError) -> Tensor { try binary(.divide, WeakScalar.tensor(a, like: b, op: "divide"), b, .default) }
    public static func % (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.remainder, a, WeakScalar.tensor(b, like: a, op: "remainder"), .default) }

    public static func + (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.add, a, WeakScalar.tensor(b, like: a, op: "add"), .default) }
    public static func + (a: Double, b: Tensor) throws(EngineError) -> Tensor { try binary(.add, WeakScalar.tensor(a, like: b, op: "add"), b, .default) }
    public static func - (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.subtract, a, WeakScalar.tensor(b, like: a, op: "subtract"), .default) }
    public static func - (a: Double, b: Tensor) throws(EngineError) -> Tensor { try binary(.subtract, WeakScalar.tensor(a, like: b, op: "subtract"), b, .default) }
    public static func * (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.multiply, a, WeakScalar.tensor(b, like: a, op: "multiply"), .default) }
    public static func * (a: Double, b: Tensor) throws(EngineError) -> Tensor { try binary(.multiply, WeakScalar.tensor(a, like: b, op: "multiply"), b, .default) }
    public static func / (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.divide, a, WeakScalar.tensor(b, like: a, op: "divide"), .default) }
    public static func / (a: Double, b: Tensor) throws(EngineError) -> Tensor { try binary(.divide, WeakScalar.tensor(a, like: b, op: "divide"), b, .default) }

    public static func .== (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.equal, a, b, .default) }
    public static func .!= (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.notEqual, a, b, .default) }
    public static func .< (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.less, a, b, .default) }
    public static func .<= (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.lessEqual, a, b, .default) }
    public static func .> (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.greater, a, b, .default) }
    public static func .>= (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.greaterEqual, a, b, .default) }
    public static func .&& (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.logicalAnd, a, b, .default) }
    public static func .|| (a: Tensor, b: Tensor) throws(EngineError) -> Tensor { try binary(.logicalOr, a, b, .default) }

    public static func .== (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.equal, a, WeakScalar.tensor(b, like: a, op: "equal"), .default) }
    public static func .< (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.less, a, WeakScalar.tensor(b, like: a, op: "less"), .default) }
    public static func .> (a: Tensor, b: Double) throws(EngineError) -> Tensor { try binary(.greater, a, WeakScalar.tensor(b, like: a, op: "greater"), .default) }
    public static func .== (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.equal, a, WeakScalar.tensor(b, like: a, op: "equal"), .default) }
    public static func .< (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.less, a, WeakScalar.tensor(b, like: a, op: "less"), .default) }
    public static func .> (a: Tensor, b: Int) throws(EngineError) -> Tensor { try binary(.greater, a, WeakScalar.tensor(b, like: a, op: "greater"), .default) }
}
