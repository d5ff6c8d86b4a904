import Separation
import XCTest

/// The tests' name for the naive p×p reference, with a check that its cutoff is well posed.
typealias NaiveFuzzinessReference = NaiveSeparationFuzziness

extension NaiveSeparationFuzziness {
    /// Fails the test unless SS_b's spectrum has a clear gap at the cutoff, so that which directions
    /// are kept is not decided by rounding (otherwise agreement would be luck, not evidence).
    func assertWellPosed(margin: Double = 10, file: StaticString = #filePath, line: UInt = #line) {
        for value in betweenSpectrum {
            XCTAssertTrue(value > cutoff * margin || value < cutoff / margin,
                          "SS_b singular value \(value) is within ×\(margin) of the cutoff \(cutoff)", file: file, line: line)
        }
    }
}
