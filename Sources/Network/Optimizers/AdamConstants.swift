/// Adam's constants for one step, with PyTorch's arithmetic: `stepSize` = lr / (1 − β1ᵗ), `root2` = sqrt(1 − β2ᵗ),
/// weight decay added to the gradient.
struct AdamConstants<Scalar: NetworkScalar> {
    let beta1: Scalar, beta2: Scalar, epsilon: Scalar, decay: Scalar, stepSize: Scalar, root2: Scalar
}
