/// A fixed-size, zero-initialised scratch array owned by a layer; allocated once, freed with its owner.
final class Buffer<Scalar: NetworkScalar> {
    let count: Int
    let pointer: UnsafeMutablePointer<Scalar>

    init(count: Int) {
        self.count = count
        pointer = UnsafeMutablePointer<Scalar>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// Sets every element to zero.
    func zero() { pointer.update(repeating: 0, count: count) }

    var buffer: UnsafeMutableBufferPointer<Scalar> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
