import ArgumentParser

/// `--threads N` or `--threads auto` of a sweep: threads per job, or the cores a rank may use divided among the
/// jobs it runs at once (so a sweep with fewer jobs than cores gives them the spare cores).
enum ThreadCount: ExpressibleByArgument, Equatable {
    case fixed(Int)
    case auto

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let count = Int(argument), count >= 1 {
            self = .fixed(count)
        } else {
            return nil
        }
    }

    /// Threads per job when `concurrentJobs` run at once on `cores` cores.
    func perJob(cores: Int, concurrentJobs: Int) -> Int {
        switch self {
        case .fixed(let count): return count
        case .auto: return max(1, cores / max(1, concurrentJobs))
        }
    }
}
