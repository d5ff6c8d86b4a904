/// A trainable tensor with its gradient, both preallocated.
final class Parameter<Scalar: NetworkScalar> {
    let name: String
    let value: Buffer<Scalar>
    let gradient: Buffer<Scalar>
    /// Frozen parameters keep their value: the optimiser skips them.
    var isFrozen = false
    /// The hidden block the tensor belongs to: the number of measured points before it in forward order
    /// (0 for the first block; L for the classifier). Freezing "the first half" selects by this.
    var block = 0

    var count: Int { value.count }

    init(name: String, count: Int) {
        self.name = name
        value = Buffer(count: count)
        gradient = Buffer(count: count)
    }
}
