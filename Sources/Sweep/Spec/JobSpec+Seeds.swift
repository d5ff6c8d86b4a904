extension JobSpec {
    /// Whether this job and `other` differ in nothing but their seed (so they share `params` but for `seed`,
    /// their network, their memory and their `JobIdentity`).
    public func differsOnlyInSeed(from other: JobSpec) -> Bool {
        var probe = self
        probe.seed = other.seed
        return probe == other
    }

    /// The ids of `jobs` in order (`JobSpec.id`), one canonical JSON per run of jobs that differ only in seed
    /// (a feature directory's job has its own id).
    public static func ids(of jobs: [JobSpec]) -> [String] {
        var ids: [String] = []
        ids.reserveCapacity(jobs.count)
        var previous: (job: JobSpec, identity: JobIdentity)?
        for job in jobs {
            if let features = job.features {
                ids.append(features.id)
                previous = nil
                continue
            }
            let identity: JobIdentity
            if let previous, job.differsOnlyInSeed(from: previous.job) {
                identity = previous.identity
            } else {
                identity = JobIdentity(job)
            }
            ids.append(identity.id(seed: job.seed))
            previous = (job, identity)
        }
        return ids
    }
}
