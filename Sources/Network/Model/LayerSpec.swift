/// One layer of a network description, before it is built: what `NetworkPlan` lists and the builders emit.
///
/// Shapes are inferred from the plan's input shape; `batchNorm` is per feature on flat input and per
/// channel on images. Composite layers (`residual`, `concatenate`) hold their own layer lists.
public indirect enum LayerSpec: Sendable, Equatable {
    /// `Linear(in → outputs)` on the flattened input.
    case dense(outputs: Int)
    /// BatchNorm (1d on flat input, 2d per channel on images), followed by ReLU when `rectify`.
    case batchNorm(rectify: Bool)
    case relu
    /// `Conv2d(C → outputs, kernel × kernel)`.
    case convolution(outputs: Int, kernel: Int, stride: Int, padding: Int, bias: Bool)
    case maxPool(kernel: Int, stride: Int, padding: Int)
    case averagePool(kernel: Int, stride: Int, padding: Int)
    /// Average over the whole spatial extent: C×H×W → C×1×1.
    case globalAveragePool
    /// The input's channels repeated `times` times (the authors repeat grey images along channels).
    case repeatChannels(times: Int)
    /// `y = body(x) + shortcut(x)`, then ReLU when `rectify`; an empty shortcut is the identity.
    case residual(body: [LayerSpec], shortcut: [LayerSpec], rectify: Bool)
    /// The branches' outputs stacked along channels; an empty branch passes the input through.
    case concatenate(branches: [[LayerSpec]])
    /// A measured point: its input is layer l of the law (numbered in forward order), passed on unchanged.
    case measure(name: String)
}
