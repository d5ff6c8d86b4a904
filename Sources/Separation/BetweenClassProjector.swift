import Linalg

/// The directions SS_b⁺ keeps, as rows u_j / σ_j (rank × p) from the thin SVD of a between-class matrix
/// B (p × K, SS_b = B Bᵀ), cut where σ_j² ≤ tolerance · σ_max²: projecting class-centred features onto
/// them and summing squares gives Σ_j σ_j⁻² ((x − x̄_k)·u_j)². Shared by D and NC1.
struct BetweenClassProjector {
    let rank: Int
    /// rank × p, row-major.
    let rows: [Double]

    init(between b: Matrix<Double>, relativeTolerance: Double) throws(SeparationError) {
        let p = b.rows
        let svd: SingularValueDecomposition
        do {
            svd = try SingularValueDecomposition(b)
        } catch {
            throw .linearAlgebraFailed(error.description)
        }
        let sigma = svd.singularValues
        guard let sigmaMax = sigma.first, sigmaMax > 0 else { throw .classMeansCoincide }
        let cutoff = relativeTolerance * sigmaMax * sigmaMax
        rank = sigma.prefix(while: { $0 * $0 > cutoff }).count
        let uColumns = svd.u.cols
        var rows = [Double](repeating: 0, count: rank * p)
        for r in 0..<rank {
            let scale = 1 / sigma[r]
            for j in 0..<p { rows[r * p + j] = svd.u.storage[j * uColumns + r] * scale }
        }
        self.rows = rows
    }
}
