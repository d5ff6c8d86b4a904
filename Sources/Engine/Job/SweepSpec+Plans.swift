import Sweep

extension SweepSpec {
    /// Every job planned once, in spec order (see `plan(_:)`).
    public func plans() throws(SpecError) -> [JobPlan] {
        var plans: [JobPlan] = []
        plans.reserveCapacity(jobs.count)
        for job in jobs { plans.append(try plan(job)) }
        return plans
    }

    /// One job of this spec planned; a network that does not fit its data is a spec error naming the file,
    /// the line of the job's `model.arch` (or image size) and the layer.
    public func plan(_ job: JobSpec) throws(SpecError) -> JobPlan {
        do {
            return try JobPlan(job)
        } catch {
            throw modelError(job, message: "\(job.model.arch) cannot take \(job.datasetRecipe.exampleShape) inputs: \(error)")
        }
    }
}
