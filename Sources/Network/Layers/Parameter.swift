/// A trainable tensor with its gradient, both preallocated.
final class Parameter<Scalar: NetworkScalar> {
    let name: String
    let value: Buffer<Scalar>
    let gradient: Buffer<Scalar>
    /// Frozen parameters keep their value: the optimiser skips them.
    var isFrozen = false

    var count: Int { value.count }

    init(name: String, count: Int) {
        self.name = name
        value = Buffer(count: count)
        gradient = Buffer(count: count)
    }
}
