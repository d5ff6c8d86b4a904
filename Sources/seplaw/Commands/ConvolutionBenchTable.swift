import Foundation
import Network

/// `seplaw bench --convolutions`: every stride-1 convolution shape of the collection, im2col + GEMM against the
/// direct kernels and, on planes small enough, the unrolled dense matrix, in one run.
enum ConvolutionBenchTable {
    /// (C, O, image size, k) of VGG13 and AlexNet at width ×0.125 (VGG input repeated 16×, AlexNet 32×), the
    /// 8-channel ResNets, and full-width VGG13/AlexNet.
    static let shapes: [(String, ConvolutionBench.Shape)] = [
        ("resnet basic ×0.125", .init(channels: 8, outputs: 8, size: 32, kernel: 3)),
        ("resnet bottleneck ×0.125", .init(channels: 8, outputs: 8, size: 32, kernel: 5)),
        ("vgg13 ×0.125 conv1", .init(channels: 16, outputs: 8, size: 32, kernel: 5)),
        ("vgg13 ×0.125 conv3", .init(channels: 8, outputs: 16, size: 16, kernel: 5)),
        ("vgg13 ×0.125 conv6", .init(channels: 32, outputs: 32, size: 8, kernel: 5)),
        ("vgg13 ×0.125 conv8", .init(channels: 64, outputs: 64, size: 4, kernel: 5)),
        ("vgg13 ×0.125 conv10", .init(channels: 64, outputs: 64, size: 2, kernel: 5)),
        ("alexnet ×0.125 conv1", .init(channels: 32, outputs: 8, size: 32, kernel: 5)),
        ("alexnet ×0.125 conv3", .init(channels: 24, outputs: 48, size: 7, kernel: 5)),
        ("vgg13 conv2", .init(channels: 64, outputs: 64, size: 32, kernel: 5)),
        ("vgg13 conv4", .init(channels: 128, outputs: 128, size: 16, kernel: 5)),
        ("vgg13 conv5", .init(channels: 128, outputs: 256, size: 8, kernel: 5)),
        ("vgg13 conv6", .init(channels: 256, outputs: 256, size: 8, kernel: 5)),
        ("vgg13 conv8", .init(channels: 512, outputs: 512, size: 4, kernel: 5)),
        ("vgg13 conv10", .init(channels: 512, outputs: 512, size: 2, kernel: 5)),
    ]

    static func run(ceiling: Double, threads: Int) {
        print("\nconvolutions, batch 128, \(threads) thread\(threads == 1 ? "" : "s"): GFLOP/s forward / backward / step (ceiling \(String(format: "%.1f", ceiling)))")
        var rows: [[String]] = []
        for (name, shape) in shapes {
            let (im2col, direct, unrolled, directAVX2) = ConvolutionBench.measure(shape, threads: threads)
            func rates(_ r: ConvolutionBench.Rates) -> String { String(format: "%.1f / %.1f / %.1f", r.forward, r.backward, r.step) }
            let best = max(direct.step, im2col.step, unrolled?.step ?? 0)
            var row = [name, "\(shape.channels)→\(shape.outputs) \(shape.size)² k\(shape.kernel)", rates(im2col), rates(direct),
                       unrolled.map(rates) ?? "—", String(format: "%.2f×", direct.step / im2col.step),
                       unrolled.map { String(format: "%.2f×", $0.step / im2col.step) } ?? "—",
                       String(format: "%.0f%%", 100 * best / ceiling)]
            if let directAVX2 { row += [rates(directAVX2), String(format: "%.2f×", direct.step / directAVX2.step)] }
            rows.append(row)
        }
        var header = ["layer", "shape", "im2col", "direct", "unrolled", "direct / im2col", "unrolled / im2col", "best of ceiling"]
        if rows.first?.count ?? 0 > header.count { header += ["direct capped at AVX2", "direct / capped"] }
        print(TextTable(header: header, rows: rows).rendered)
    }
}
