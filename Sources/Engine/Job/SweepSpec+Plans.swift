import Sweep

extension SweepSpec {
    /// Every job planned once, in spec order (see `plan(_:)`). Jobs whose network and memory depend on the same
    /// settings (`JobPlan.resourceKey(of:)`: they differ in seed or learning rate, say) share one network plan and
    /// one estimate, checked once.
    public func plans() throws(SpecError) -> [JobPlan] {
        var plans: [JobPlan] = []
        plans.reserveCapacity(jobs.count)
        let limit = MemoryEstimate.physicalMemory
        var planned: [JobSpec: Int] = [:]
        for (job, id) in zip(jobs, ids) {
            if let previous = plans.indices.last, job.differsOnlyInSeed(from: plans[previous].spec) {
                plans.append(JobPlan(job, id: id, sharingResourcesOf: plans[previous]))
            } else {
                let key = JobPlan.resourceKey(of: job)
                if let index = planned[key] {
                    plans.append(JobPlan(job, id: id, sharingResourcesOf: plans[index]))
                } else {
                    planned[key] = plans.count
                    plans.append(try plan(job, memoryLimit: limit))
                }
            }
        }
        return plans
    }

    /// One job of this spec planned; a network that does not fit its data is a spec error naming the file,
    /// the line of the job's `model.arch` (or image size) and the layer.
    /// A job whose estimated peak memory (`JobPlan.peakMemory`) exceeds `memoryLimit` (this machine's physical
    /// memory) is refused, naming the key that sizes its largest part.
    public func plan(_ job: JobSpec, memoryLimit: Double = MemoryEstimate.physicalMemory) throws(SpecError) -> JobPlan {
        let plan: JobPlan
        do {
            plan = try JobPlan(job)
        } catch {
            throw modelError(job, message: "\(job.model.arch) cannot take \(job.datasetRecipe.exampleShape) inputs: \(error)")
        }
        let memory = plan.peakMemory
        if !(memory.total <= memoryLimit) {
            let largest = memory.largest
            throw SpecError(file: file, key: largest.key,
                            message: "job \(plan.id) would need about \(MemoryEstimate.format(memory.total)) at its peak "
                                + "(\(memory.breakdown)), more than this machine's \(MemoryEstimate.format(memoryLimit)) of "
                                + "memory; lower \(largest.key) (it sizes the \(largest.name.split(separator: " ")[0]) part)")
        }
        return plan
    }
}
