import XCTest
import CKernels

/// `seplaw_im2col` and `seplaw_col2im` (through a zero-padded plane) against loops written here from the
/// definitions: im2col copies exactly; col2im adds the same entries in the same order (kernel row, kernel column,
/// output row, output column, from zero), so both must match bit for bit, for every kernel 1–5, stride 1–3 and
/// padding up to k − 1, on planes from 1 to 13 wide and several images and channels.
final class Im2colKernelTests: XCTestCase {
    func testKernelsMatchTheDefinitions() {
        var checked = 0
        for (height, width) in [(1, 1), (2, 2), (4, 4), (5, 7), (8, 3), (6, 13)] {
            for kernel in 1...5 {
                for stride in 1...3 {
                    for padding in 0..<kernel {
                        let outHeight = (height + 2 * padding - kernel) / stride + 1
                        let outWidth = (width + 2 * padding - kernel) / stride + 1
                        guard height + 2 * padding >= kernel, width + 2 * padding >= kernel else { continue }
                        let images = 2, channels = 3, spatial = outHeight * outWidth
                        let rows = channels * kernel * kernel, ld = images * spatial + 3  // rows need not be packed
                        let x = (0..<(images * channels * height * width)).map { Float(($0 * 7919) % 23) - 11.5 }
                        var columns = [Float](repeating: .nan, count: rows * ld)
                        XCTAssertEqual(seplaw_im2col(x, images, channels, height, width, kernel, stride, padding,
                                                     outHeight, outWidth, &columns, ld), 0)
                        let label = "\(height)×\(width) k\(kernel) s\(stride) p\(padding)"
                        var expected = columns
                        var dxExpected = [Float](repeating: 0, count: x.count)
                        // A gradient with many distinct magnitudes, so that a different order of additions shows.
                        let gradient = (0..<(rows * ld)).map { Float(($0 * 104_729) % 1009) * 1.37e-3 + 1e-7 }
                        for e in 0..<images {
                            for c in 0..<channels {
                                for ki in 0..<kernel {
                                    for kj in 0..<kernel {
                                        let row = (c * kernel + ki) * kernel + kj
                                        for oh in 0..<outHeight {
                                            for ow in 0..<outWidth {
                                                let ih = oh * stride - padding + ki, iw = ow * stride - padding + kj
                                                let inside = ih >= 0 && ih < height && iw >= 0 && iw < width
                                                let source = ((e * channels + c) * height + ih) * width + iw
                                                let column = row * ld + e * spatial + oh * outWidth + ow
                                                expected[column] = inside ? x[source] : 0
                                                if inside { dxExpected[source] += gradient[column] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        XCTAssertEqual(columns.map(\.bitPattern), expected.map(\.bitPattern), label)
                        var dx = [Float](repeating: .nan, count: x.count)
                        XCTAssertEqual(seplaw_col2im(gradient, ld, images, channels, height, width, kernel, stride,
                                                     padding, outHeight, outWidth, &dx), 0)
                        XCTAssertEqual(dx.map(\.bitPattern), dxExpected.map(\.bitPattern), label)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 150)
    }
}
