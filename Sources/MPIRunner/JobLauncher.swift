import Sweep

/// Runs a rank's jobs somewhere (`JobExecutor`: child processes) and reports them as they end: what the
/// coordinator and a worker need, so that tests can drive them with jobs that end when told to.
public protocol JobLauncher: AnyObject {
    /// Jobs running now.
    var runningCount: Int { get }
    /// Jobs this rank can start now.
    var freeSlots: Int { get }
    /// Starts `spec` (whose id is `id` when the caller has it); a job that cannot even start comes back at once.
    func start(_ spec: JobSpec, id: String?) -> JobReport?
    /// Waits at most `milliseconds` for jobs to end; returns those that ended.
    func wait(milliseconds: Int) -> [JobReport]
    /// Stops every running job without reporting it.
    func terminateAll()
}
