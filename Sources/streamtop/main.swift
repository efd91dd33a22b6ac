import Engine

do {
    let a = try Tensor([1, 2, 3, 4])
    let b = try Tensor([1.0, 2.0, 3.0, 4.0])
    let c = try Tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
    let d = try Tensor([[1, 2, 3, 4], [5.0, 6.0, 7.0, 8.0]])
    for (n, t) in [("a", a), ("b", b), ("c", c), ("d", d)] { print(n, t.shape, t.dtype, t) }
    print(try a + b, try c * 2, try (c + 2.5), try matmul(d, d.T))
    print(try Random.uniform(shape: [4], key: Random.key(0)))
    print(try Random.normal(shape: [4], key: Random.key(0)))
    let x = try arange(12).reshaped([3, 4])
    print(x, try x[1], try x[.all, 1], try x[.stride(nil, nil, by: -1), .stride(1, nil, by: 2)])
    print(try sum(x, axes: [0]), try x.mean(axis: 1), try argmax(x, axis: 1), try softmax(try x.asType(.float32), axis: 1))
    print(try logsumexp(try x.asType(.float32), axes: [1]), try concatenate([x, x], axis: 1).shape, try stack([a, a]).shape)
    var y = try ones([1000])
    for _ in 0..<100_000 { y = try y + 1 }
    try eval(y)
    print(try y.sum().item(Float.self))
    print(try matmul(d, c))
} catch {
    print("error:", error)
}
