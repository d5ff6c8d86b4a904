/// Mean softmax cross-entropy over a batch of logits with integer labels.
final class SoftmaxCrossEntropy<Scalar: NetworkScalar> {
    let classes: Int
    private let gradient: Buffer<Scalar>

    init(classes: Int, maxBatch: Int) {
        self.classes = classes
        gradient = Buffer(count: maxBatch * classes)
    }

    /// logits (batch × classes), labels (batch) → mean loss; keeps softmax for backward.
    func forward(_ logits: UnsafePointer<Scalar>, labels: UnsafePointer<Int32>, batch: Int) -> Double {
        let k = classes
        var total = 0.0
        for i in 0..<batch {
            let z = logits + i * k
            let p = gradient.pointer + i * k
            var top = z[0]
            for j in 1..<k where z[j] > top { top = z[j] }
            var sum: Scalar = 0
            for j in 0..<k {
                let e = Scalar.exponential(z[j] - top)
                p[j] = e
                sum += e
            }
            let inverse = 1 / sum
            for j in 0..<k { p[j] *= inverse }
            let label = Int(labels[i])
            total -= Double(z[label] - top) - Double(Scalar.logarithm(sum))
        }
        return total / Double(batch)
    }

    /// → dlogits (batch × classes) = (softmax − onehot) / batch
    func backward(labels: UnsafePointer<Int32>, batch: Int) -> UnsafePointer<Scalar> {
        let k = classes
        let scale = 1 / Scalar(batch)
        for i in 0..<batch {
            let p = gradient.pointer + i * k
            p[Int(labels[i])] -= 1
            for j in 0..<k { p[j] *= scale }
        }
        return UnsafePointer(gradient.pointer)
    }
}
