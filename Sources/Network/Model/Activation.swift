/// The nonlinearity after each hidden block; `none` makes the network linear (a negative control).
public enum Activation: String, Sendable, Codable {
    case relu
    case none
}
