@testable import Sweep
import TestSupport
import XCTest

final class SpecFuzzTests: XCTestCase {
    /// SplitMix64, so that failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    /// Random deletions, duplications and substitutions of a valid spec either parse or throw `SpecError`.
    func testRandomMutationsNeverTrap() {
        var rng = Generator(state: 20231)
        let sources = [SpecFixtures.example, SpecFixtures.exampleReordered]
        let alphabet = Array("0123456789-.e:[]{},#&*!|>'\"\n\t abcxyz_")
        var parsed = 0, rejected = 0
        for iteration in 0..<400 {
            var characters = Array(sources[iteration % sources.count])
            let edits = Int.random(in: 1...4, using: &rng)
            for _ in 0..<edits where !characters.isEmpty {
                let position = Int.random(in: 0..<characters.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: characters.remove(at: position)
                case 1:
                    let length = min(Int.random(in: 1...8, using: &rng), characters.count - position)
                    characters.insert(contentsOf: characters[position..<(position + length)], at: position)
                default: characters[position] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                }
            }
            do {
                let spec = try SweepSpec.parse(yaml: String(characters), file: "fuzz.yaml")
                XCTAssertFalse(spec.jobs.isEmpty)
                for job in spec.jobs { XCTAssertEqual(job.id.count, 16) }
                parsed += 1
            } catch {
                XCTAssertEqual(error.file, "fuzz.yaml")
                XCTAssertFalse(error.message.isEmpty)
                rejected += 1
            }
        }
        XCTAssertEqual(parsed + rejected, 400)
        XCTAssertGreaterThan(parsed, 0, "some mutations (e.g. in comments or numbers) still parse")
        XCTAssertGreaterThan(rejected, 0)
    }
}
