import Foundation
import Sweep

/// A rank other than 0: asks rank 0 for work for each of its slots, runs the jobs it gets in child
/// processes and sends each report back; ends when rank 0 has retired all its slots.
public final class Worker {
    /// How a worker's loop ended.
    public enum Outcome {
        case completed
        case interrupted(String)
    }

    private let world: any RankChannel
    private let executor: any JobLauncher
    private let slots: Int

    /// A worker that runs up to `slots` jobs at once through `executor`.
    public init(world: any RankChannel, executor: any JobLauncher, slots: Int) {
        self.world = world
        self.executor = executor
        self.slots = slots
    }

    /// Runs until rank 0 says there is no more work (or a signal arrives).
    public func run() throws(MPIError) -> Outcome {
        var slots = self.slots
        try world.send(Array(String(slots).utf8), to: 0, tag: WireTag.request.rawValue)
        var backoff = Backoff(maximumMilliseconds: 100)
        while slots > 0 || executor.runningCount > 0 {
            if let name = Interrupt.signalName {
                executor.terminateAll()
                return .interrupted(name)
            }
            var active = false
            while let envelope = try world.probe(source: 0, tag: nil) {
                active = true
                let bytes = try world.receive(envelope)
                switch WireTag(rawValue: envelope.tag) {
                case .job:
                    do {
                        let spec = try WorkerProtocol.decodeJob(Data(bytes))
                        if let failed = executor.start(spec, id: nil) { try send(failed) }
                    } catch let error as MPIError {
                        throw error
                    } catch {
                        throw MPIError(call: "MPI_Recv", code: 0, detail: "rank 0 sent a job that is not valid JSON: \(error)")
                    }
                case .noWork:
                    slots -= 1
                default:
                    break
                }
            }
            for report in executor.wait(milliseconds: active ? 0 : backoff.next()) {
                active = true
                if report.stopSignal != nil {
                    try world.send(Array(report.result.id.utf8), to: 0, tag: WireTag.stopped.rawValue)
                } else {
                    try send(report)
                }
            }
            if active { backoff.reset() }
        }
        return .completed
    }

    private func send(_ report: JobReport) throws(MPIError) {
        try world.send(report.wireBytes, to: 0, tag: WireTag.result.rawValue)
    }
}
