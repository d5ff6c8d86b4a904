import Vocabulary
import XCTest

/// The shared vocabulary: spellings come from the cases, and the dataset facts agree with each other.
final class VocabularyTests: XCTestCase {
    func testSpellingsRoundTrip() {
        func check<Choice: ClosedChoice>(_: Choice.Type) {
            XCTAssertFalse(Choice.spellings.isEmpty)
            XCTAssertEqual(Set(Choice.spellings).count, Choice.allCases.count, "\(Choice.self): spellings are distinct")
            for choice in Choice.allCases {
                XCTAssertEqual(Choice(rawValue: choice.rawValue)?.rawValue, choice.rawValue)
                XCTAssertEqual("\(choice)", choice.rawValue, "messages show the spelling")
            }
        }
        check(DatasetName.self)
        check(ChannelSelection.self)
        check(Activation.self)
        check(MeasurementGranularity.self)
        check(FrozenPart.self)
        XCTAssertEqual(DatasetName.spellings, ["fashion-mnist", "mnist", "kmnist", "cifar10", "gaussian"])
    }

    func testDatasetFacts() {
        for name in DatasetName.allCases {
            XCTAssertEqual(name.keptChannels(.all).count, name.sourceChannels, "\(name)")
            XCTAssertEqual(name.keptChannels(.green).count, 1, "\(name)")
            XCTAssertEqual(name.isSynthetic, name.nativeSide == nil, "\(name)")
            let (mean, std) = name.defaultNormalization(channels: .all)
            XCTAssertTrue([1, name.sourceChannels].contains(mean.values.count), "\(name)")
            XCTAssertEqual(mean.values.count, std.values.count, "\(name)")
        }
        let green = DatasetName.cifar10.defaultNormalization(channels: .green)
        let all = DatasetName.cifar10.defaultNormalization(channels: .all)
        XCTAssertEqual(green.mean.values, [all.mean.values[DatasetName.greenChannel]])
        XCTAssertEqual(DatasetName.cifar10.trainingImages, 50_000)
        XCTAssertEqual(DatasetName.fashionMNIST.trainingImages, 60_000)
    }
}
