import Sweep

extension JobPlan {
    /// What a job's network and peak memory depend on: the job with its seed and the training settings that size
    /// nothing (optimiser and its settings, learning rate, schedule, epochs) reset. Every other field stays, so a
    /// field added later is part of the key until someone shows it sizes nothing.
    public static func resourceKey(of job: JobSpec) -> JobSpec {
        var key = job
        key.seed = 0
        key.train.optimizer = .sgd
        key.train.lr = 0
        key.train.epochs = 0
        key.train.weightDecay = 0
        key.train.momentum = 0
        key.train.betas = []
        key.train.eps = 0
        key.train.milestones = []
        key.train.gamma = 0
        return key
    }
}
