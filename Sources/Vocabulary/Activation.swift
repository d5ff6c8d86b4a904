/// The nonlinearity after each hidden block; `none` makes the network linear (a negative control).
public enum Activation: String, Sendable, Codable, CaseIterable {
    case relu
    case none
}
