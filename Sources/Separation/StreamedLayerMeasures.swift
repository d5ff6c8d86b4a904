/// What one streamed pass over a layer's features measures (`StreamingSeparation.measure`).
public struct StreamedLayerMeasures: Sendable, Equatable {
    /// D = Tr(SS_w SS_b⁺), computed in the same order as `SeparationFuzziness` (bit for bit equal to it).
    public let fuzziness: Double
    /// NC1 = Tr(Σ_W Σ_B⁺)/K (as `NeuralCollapse.nc1`, up to rounding: projected by GEMM here).
    public let nc1: Double?
    /// Nearest-class-centre accuracy (as `NeuralCollapse`, up to rounding in near-ties).
    public let nccAccuracy: Double?

    public init(fuzziness: Double, nc1: Double?, nccAccuracy: Double?) {
        self.fuzziness = fuzziness
        self.nc1 = nc1
        self.nccAccuracy = nccAccuracy
    }
}
