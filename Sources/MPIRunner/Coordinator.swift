import Foundation
import Sweep

/// Rank 0: hands out jobs longest-estimated first, to its own slots and to every other rank that asks,
/// records each result as it arrives, and ends when no rank has work left. Never busy-waits: it sleeps
/// in poll(2) on its children's outputs, waking for MPI with a back-off of 1 → 100 ms.
public final class Coordinator {
    /// How the sweep loop ended.
    public enum Outcome {
        /// Every job ran.
        case completed
        /// A signal arrived: no new work was handed out; jobs still running were killed, not recorded.
        case interrupted(String)
        /// Recording a result failed (e.g. the disk is full); the sweep stopped.
        case failed(String)
    }

    private struct Peer {
        var greeted = false
        var pendingRequests = 0
        /// Job id → estimated cost of the jobs this rank is running.
        var inFlight: [String: Double] = [:]
    }

    private let world: (any RankChannel)?
    private let executor: any JobLauncher
    private let queue: [QueuedJob]
    private var next = 0
    private var localJobs: [String: Double] = [:]
    private var peers: [Peer]
    /// Jobs whose processes were stopped from outside (`JobReport.stopSignal`): not recorded.
    private var stoppedJobs = 0
    private let progress: SweepProgress?
    private let record: (JobReport) throws -> Void

    /// `jobs` in the order to hand them out (see `QueuedJob.schedule`); `record` stores one report (rank 0 only
    /// writes files).
    public init(world: (any RankChannel)?, executor: any JobLauncher, jobs: [QueuedJob], progress: SweepProgress?,
                record: @escaping (JobReport) throws -> Void) {
        self.world = world
        self.executor = executor
        self.queue = jobs
        self.progress = progress
        self.record = record
        self.peers = Array(repeating: Peer(), count: max(world?.size ?? 1, 1))
    }

    /// Runs the loop until every job is recorded, a signal arrives, or recording fails.
    public func run() -> Outcome {
        // Without MPI nothing needs polling: the wait sleeps in poll(2) until a job writes or ends (or a
        // signal or a deadline comes). With MPI, messages are checked at least every 100 ms.
        var backoff = Backoff(maximumMilliseconds: world == nil ? 1000 : 100)
        var stopReason: Outcome?
        while true {
            if stopReason == nil, let name = Interrupt.signalName {
                stopReason = .interrupted(name)
            }
            if stopReason != nil, executor.runningCount > 0 {
                progress?.abandoned(executor.runningCount)
                executor.terminateAll()
                localJobs.removeAll()
            }
            var active = false
            let handingOut = stopReason == nil

            while handingOut, executor.freeSlots > 0, let job = take() {
                active = true
                localJobs[job.id] = job.cost
                progress?.started(job.spec)
                if let failed = executor.start(job.spec, id: job.id) { stopReason = stopReason ?? deliver(failed) }
            }

            if let world {
                do {
                    while let envelope = try world.probe() {
                        active = true
                        let bytes = try world.receive(envelope)
                        if let problem = handle(envelope: envelope, bytes: bytes) { stopReason = stopReason ?? problem }
                    }
                    try answerRequests(world: world, handingOut: stopReason == nil)
                } catch {
                    stopReason = stopReason ?? .failed("\(error)")
                }
            }

            if isFinished(stopped: stopReason != nil) { break }
            if case .interrupted = stopReason, world != nil {
                // Under mpirun every rank got the signal too; do not wait for them.
                break
            }

            for report in executor.wait(milliseconds: active ? 0 : backoff.next()) {
                active = true
                if let problem = deliver(report) { stopReason = stopReason ?? problem }
            }
            if active { backoff.reset() }
            progress?.show()
        }
        progress?.finish()
        if stopReason == nil && stoppedJobs > 0 {
            // Every other job ran, but these have no result: the sweep is not complete; a rerun runs them.
            return .interrupted("a signal to \(stoppedJobs) running job\(stoppedJobs == 1 ? "" : "s")")
        }
        return stopReason ?? .completed
    }

    private func take() -> QueuedJob? {
        guard next < queue.count else { return nil }
        defer { next += 1 }
        return queue[next]
    }

    /// Records a finished local job; a failure to record stops the sweep.
    private func deliver(_ report: JobReport) -> Outcome? {
        let cost = localJobs.removeValue(forKey: report.result.id)
        if report.stopSignal != nil {
            stoppedJobs += 1
            progress?.abandoned(1)
            return nil
        }
        return store(report, cost: cost)
    }

    private func store(_ report: JobReport, cost: Double?) -> Outcome? {
        progress?.finished(report.result, cost: cost ?? 0)
        do {
            try record(report)
            return nil
        } catch {
            return .failed("\(error)")
        }
    }

    private func handle(envelope: MPIWorld.Envelope, bytes: [UInt8]) -> Outcome? {
        guard envelope.source > 0, envelope.source < peers.count else { return nil }
        switch WireTag(rawValue: envelope.tag) {
        case .request:
            let count = Int(String(decoding: bytes, as: UTF8.self)) ?? 1
            peers[envelope.source].greeted = true
            peers[envelope.source].pendingRequests += max(count, 0)
        case .result:
            peers[envelope.source].pendingRequests += 1
            guard let report = JobReport(wireBytes: bytes) else {
                return .failed("rank \(envelope.source) sent a result that is not valid JSON (\(bytes.count) bytes)")
            }
            let cost = peers[envelope.source].inFlight.removeValue(forKey: report.result.id)
            return store(report, cost: cost)
        case .stopped:
            peers[envelope.source].pendingRequests += 1
            if peers[envelope.source].inFlight.removeValue(forKey: String(decoding: bytes, as: UTF8.self)) != nil {
                stoppedJobs += 1
                progress?.abandoned(1)
            }
        default:
            break
        }
        return nil
    }

    private func answerRequests(world: any RankChannel, handingOut: Bool) throws {
        for rank in peers.indices.dropFirst() {
            while peers[rank].pendingRequests > 0 {
                if handingOut, let job = take() {
                    let bytes = try WorkerProtocol.encodeJob(job.spec)
                    try world.send(bytes, to: rank, tag: WireTag.job.rawValue)
                    peers[rank].inFlight[job.id] = job.cost
                    progress?.started(job.spec)
                } else {
                    try world.send([], to: rank, tag: WireTag.noWork.rawValue)
                }
                peers[rank].pendingRequests -= 1
            }
        }
    }

    private func isFinished(stopped: Bool) -> Bool {
        guard stopped || next >= queue.count, executor.runningCount == 0 else { return false }
        return peers.indices.dropFirst().allSatisfy { rank in
            peers[rank].greeted && peers[rank].pendingRequests == 0 && peers[rank].inFlight.isEmpty
        }
    }
}
