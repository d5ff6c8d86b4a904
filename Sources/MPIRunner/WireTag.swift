/// Message tags of the sweep protocol between rank 0 and the other ranks.
///
/// A worker sends `request` with its slot count once, then a `result` whenever a job ends (which also
/// asks for the next job). Rank 0 answers each request with `job` (a `JobSpec` as JSON) or `noWork`
/// (no more work: that slot retires). A worker ends when all its slots are retired and idle.
enum WireTag: Int {
    /// Worker → rank 0: "N slots are free" (payload: N in decimal).
    case request = 1
    /// Worker → rank 0: a `JobReport` as JSON.
    case result = 2
    /// Rank 0 → worker: a `JobSpec` as JSON.
    case job = 3
    /// Rank 0 → worker: no more work for one slot.
    case noWork = 4
    /// Worker → rank 0: a job was stopped from outside (SIGTERM/SIGINT/SIGHUP to its process), so it has
    /// no result and runs again on resume (payload: the job id; also asks for the next job).
    case stopped = 5
}
