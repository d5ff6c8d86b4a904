import Foundation
@testable import MPIRunner
import Sweep

/// Rank 0's view of a world with workers that live in this process: each worker asks for work for its
/// slots, and answers every job it is sent with a result at once, as a real worker rank would after
/// running it.
final class FakeRanks: RankChannel {
    let rank = 0
    let size: Int
    private var inbox: [(envelope: MPIWorld.Envelope, bytes: [UInt8])] = []
    /// Job ids each worker rank was sent, in order.
    private(set) var received: [Int: [String]] = [:]
    /// "No work" answers each worker rank got.
    private(set) var retired: [Int: Int] = [:]

    init(workers: Int, slotsEach: Int) {
        size = workers + 1
        for worker in 1...max(workers, 1) where worker < size {
            deliver(Array(String(slotsEach).utf8), from: worker, tag: .request)
        }
    }

    private func deliver(_ bytes: [UInt8], from source: Int, tag: WireTag) {
        inbox.append((MPIWorld.Envelope(source: source, tag: tag.rawValue, count: bytes.count), bytes))
    }

    func probe(source: Int?, tag: Int?) throws(MPIError) -> MPIWorld.Envelope? {
        inbox.first { (source == nil || $0.envelope.source == source) && (tag == nil || $0.envelope.tag == tag) }?.envelope
    }

    func receive(_ envelope: MPIWorld.Envelope) throws(MPIError) -> [UInt8] {
        guard let index = inbox.firstIndex(where: { $0.envelope == envelope }) else {
            throw MPIError(call: "MPI_Recv", code: 1, detail: "no such message")
        }
        return inbox.remove(at: index).bytes
    }

    func send(_ bytes: [UInt8], to destination: Int, tag: Int) throws(MPIError) {
        switch WireTag(rawValue: tag) {
        case .job:
            guard let job = try? WorkerProtocol.decodeJob(Data(bytes)), let result = try? TestResults.ok(job) else {
                throw MPIError(call: "MPI_Send", code: 1, detail: "rank 0 sent something that is not a job")
            }
            received[destination, default: []].append(job.id)
            deliver(JobReport(result: result, log: "rank \(destination)\n").wireBytes, from: destination, tag: .result)
        case .noWork:
            retired[destination, default: 0] += 1
        default:
            throw MPIError(call: "MPI_Send", code: 1, detail: "unexpected tag \(tag)")
        }
    }
}
