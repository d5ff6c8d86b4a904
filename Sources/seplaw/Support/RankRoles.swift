import ArgumentParser
import Foundation
import MPIRunner

/// The MPI steps `seplaw sweep` and `seplaw measure` share around a ``SweepRun``: ranks above 0 serve jobs, and
/// rank 0 releases them if it cannot open the sweep.
enum RankRoles {
    /// On a rank above 0: runs jobs for rank 0 until it is done, then returns true (the command has nothing left to
    /// do); exits 130 when interrupted. On rank 0 or without MPI: false.
    static func serveAsWorker(world: MPIWorld?, executor: JobExecutor, slots: Int) throws -> Bool {
        guard let world, world.rank > 0 else { return false }
        switch try Worker(world: world, executor: executor, slots: slots).run() {
        case .completed:
            world.finalize()
            return true
        case .interrupted:
            exitInterrupted(world: world)
        }
    }

    /// Exits with status 130 after a SIGINT/SIGTERM. Under a launcher the process first waits a moment: `mpirun`
    /// tearing a job down drops what a rank wrote just before it exited (its notice and last lines), and it
    /// sends SIGKILL only a second after forwarding SIGTERM, so a short wait costs nothing and lets it read them.
    static func exitInterrupted(world: MPIWorld?) -> Never {
        flushStandardOutput()
        if world != nil { usleep(300_000) }
        Foundation.exit(130)
    }

    /// The sweep `open` makes; when it throws, the waiting ranks are released, the error is written and the command
    /// exits with status 2.
    static func openSweep(world: MPIWorld?, executor: JobExecutor, _ open: () throws -> SweepRun) throws -> SweepRun {
        do {
            return try open()
        } catch {
            release(world: world, executor: executor)
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// Tells the other ranks there is no work and leaves MPI (before rank 0 stops early).
    static func release(world: MPIWorld?, executor: JobExecutor) {
        guard let world else { return }
        SweepRun.releaseRanks(world: world, launcher: executor)
        world.finalize()
    }
}
