import Foundation

/// One file written by Benchmarks/pytorch_fixtures.py: PyTorch's initial weights of a network, a fixed batch, and
/// PyTorch's (Float64) step-0 logits, loss and gradients and the losses of 10 Adam and 10 momentum steps.
///
/// Format: "SPLWFX01", a little-endian UInt64 header length H, H bytes of JSON header, then Float32 arrays at the
/// offsets the header lists (see the script's doc comment).
struct PyTorchFixture {
    struct Header: Decodable {
        struct Entry: Decodable {
            var name: String
            var offset: Int
            var count: Int
        }
        struct Tensor: Decodable {
            var name: String
            var shape: [Int]
        }
        /// One optimiser's 10 steps on the batch: the loss before each step and after the last.
        struct Steps: Decodable {
            var lr: Double
            var weightDecay: Double
            var momentum: Double?
            var betas: [Double]?
            var eps: Double?
            var losses: [Double]
            /// PyTorch's own Float32 run of the same steps.
            var lossesFloat32: [Double]
            /// Per step, the largest deviation from `losses` of runs perturbed at the Float32 rounding level.
            var spread: [Double]
        }
        var name: String
        var inputShape: [Int]
        var classes: Int
        var batch: Int
        var parameterCount: Int
        var labels: [Int]
        var loss: Double
        var parameters: [Tensor]
        /// Per parameter tensor, the largest ‖Δ‖ of its gradient in runs perturbed at the Float32 rounding level.
        var gradientSpread: [Double]
        var adam: Steps
        var momentum: Steps
        var arrays: [Entry]
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    let header: Header
    private let values: [String: [Float]]

    /// Reads `Fixtures/<name>.fixture` from the test bundle.
    init(named name: String) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: "fixture", subdirectory: "Fixtures") else {
            throw FormatError(description: "no fixture \(name).fixture in the test bundle")
        }
        try self.init(data: try Data(contentsOf: url), name: name)
    }

    init(data: Data, name: String) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<8]) == Array("SPLWFX01".utf8) else {
            throw FormatError(description: "\(name): not a seplaw fixture (magic)")
        }
        let length = bytes[8..<16].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(bytes.count - 16) else { throw FormatError(description: "\(name): header runs past the file") }
        let start = 16 + Int(length)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        header = try decoder.decode(Header.self, from: Data(bytes[16..<start]))
        let floats = (bytes.count - start) / 4
        var values: [String: [Float]] = [:]
        for entry in header.arrays {
            guard entry.offset >= 0, entry.count >= 0, entry.offset + entry.count <= floats else {
                throw FormatError(description: "\(name): array \(entry.name) runs past the file")
            }
            values[entry.name] = (0..<entry.count).map { index in
                let at = start + 4 * (entry.offset + index)
                let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                return Float(bitPattern: bits)
            }
        }
        self.values = values
    }

    /// The named Float32 array ("input", "logits", "weight.<i>", "gradient.<i>").
    func array(_ name: String) throws -> [Float] {
        guard let array = values[name] else { throw FormatError(description: "\(header.name): no array \(name)") }
        return array
    }
}
