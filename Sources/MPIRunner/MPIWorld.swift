import CMPI
import Foundation

/// The one Swift type over `CMPI`: initialisation, rank and size, tagged byte messages sized with
/// `MPI_Iprobe`/`MPI_Get_count`, finalisation. Every MPI call of the project goes through it, from the
/// main thread only (the thread level asked for is `MPI_THREAD_FUNNELED` and checked).
public final class MPIWorld: RankChannel {
    /// One message waiting to be received: who sent it, its tag and its size in bytes.
    public struct Envelope: Sendable, Equatable {
        public let source: Int
        public let tag: Int
        public let count: Int
    }

    /// This process's rank in `MPI_COMM_WORLD`.
    public let rank: Int
    /// The number of ranks.
    public let size: Int
    /// The thread level MPI granted (`MPI_THREAD_SINGLE` = 0 … `MPI_THREAD_MULTIPLE` = 3).
    public let threadLevel: Int
    private let comm: MPI_Comm
    private var finalized = false

    /// Environment variables that an MPI launcher (`mpirun`, `srun --mpi=pmix`, Hydra) sets for its ranks.
    public static let launcherVariables = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"]

    /// Whether this process was started by an MPI launcher; without one, seplaw runs as a plain process
    /// and never initialises MPI (Open MPI's singleton start-up is slow and needs a daemon).
    public static var isLaunchedByMPI: Bool {
        let environment = ProcessInfo.processInfo.environment
        return launcherVariables.contains { environment[$0] != nil }
    }

    /// Initialises MPI; call at most once per process.
    public static func initialize() throws(MPIError) -> MPIWorld {
        var provided: Int32 = 0
        let required = Int32(MPI_THREAD_FUNNELED)
        let code = MPI_Init_thread(nil, nil, required, &provided)
        guard code == MPI_SUCCESS else { throw MPIError(call: "MPI_Init_thread", code: code) }
        guard provided >= required else {
            throw MPIError(call: "MPI_Init_thread", code: code,
                           detail: "MPI granted thread level \(provided), seplaw needs MPI_THREAD_FUNNELED (\(required))")
        }
        guard let comm = seplaw_mpi_comm_world() else {
            throw MPIError(call: "MPI_COMM_WORLD", code: 0, detail: "no world communicator")
        }
        var rank: Int32 = 0, size: Int32 = 0
        MPI_Comm_rank(comm, &rank)
        MPI_Comm_size(comm, &size)
        return MPIWorld(comm: comm, rank: Int(rank), size: Int(size), threadLevel: Int(provided))
    }

    private init(comm: MPI_Comm, rank: Int, size: Int, threadLevel: Int) {
        self.comm = comm
        self.rank = rank
        self.size = size
        self.threadLevel = threadLevel
    }

    /// The next waiting message from `source` (any when `nil`) with `tag` (any when `nil`), without
    /// receiving it; `nil` when none is waiting. Never blocks.
    public func probe(source: Int? = nil, tag: Int? = nil) throws(MPIError) -> Envelope? {
        var flag: Int32 = 0
        var status = MPI_Status()
        let code = MPI_Iprobe(source.map(Int32.init) ?? seplaw_mpi_any_source(), tag.map(Int32.init) ?? seplaw_mpi_any_tag(),
                              comm, &flag, &status)
        guard code == MPI_SUCCESS else { throw MPIError(call: "MPI_Iprobe", code: code) }
        guard flag != 0 else { return nil }
        var count: Int32 = 0
        let countCode = MPI_Get_count(&status, seplaw_mpi_byte(), &count)
        guard countCode == MPI_SUCCESS else { throw MPIError(call: "MPI_Get_count", code: countCode) }
        return Envelope(source: Int(status.MPI_SOURCE), tag: Int(status.MPI_TAG), count: Int(count))
    }

    /// Receives the message `envelope` describes (from `probe`).
    public func receive(_ envelope: Envelope) throws(MPIError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(envelope.count, 1))
        let code = buffer.withUnsafeMutableBytes { raw in
            MPI_Recv(raw.baseAddress, Int32(envelope.count), seplaw_mpi_byte(), Int32(envelope.source), Int32(envelope.tag),
                     comm, seplaw_mpi_status_ignore())
        }
        guard code == MPI_SUCCESS else { throw MPIError(call: "MPI_Recv", code: code) }
        return Array(buffer.prefix(envelope.count))
    }

    /// Sends `bytes` to rank `destination` with `tag` (blocking; the messages of the sweep protocol are small).
    public func send(_ bytes: [UInt8], to destination: Int, tag: Int) throws(MPIError) {
        guard bytes.count <= Int(Int32.max) else {
            throw MPIError(call: "MPI_Send", code: 0, detail: "message of \(bytes.count) bytes is too large")
        }
        let code = bytes.withUnsafeBytes { raw in
            MPI_Send(raw.baseAddress, Int32(bytes.count), seplaw_mpi_byte(), Int32(destination), Int32(tag), comm)
        }
        guard code == MPI_SUCCESS else { throw MPIError(call: "MPI_Send", code: code) }
    }

    /// Shuts MPI down (once; later calls do nothing).
    public func finalize() {
        guard !finalized else { return }
        finalized = true
        MPI_Finalize()
    }

    /// Ends every rank of the job with `code` (for errors that leave no orderly way out).
    public func abort(code: Int32) -> Never {
        MPI_Abort(comm, code)
        exit(code)
    }
}
