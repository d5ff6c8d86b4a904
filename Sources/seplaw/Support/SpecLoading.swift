import ArgumentParser
import Engine
import Sweep

/// Loads a sweep spec with its command-line overrides and its jobs' data identified (`dataset.digest` for an
/// explicit `dataset.path`), and writes its warnings (values that changed nothing) to standard error.
func identifiedSpec(_ path: String, overrides: [String] = []) throws(SpecError) -> SweepSpec {
    let sweep = try SweepSpec.load(path: path, overrides: overrides)
        .identifyingData(cacheDirectory: DatasetCache.fromEnvironment()?.directory)
    for warning in sweep.warnings { StandardError.write("warning: \(path): \(warning)\n") }
    return sweep
}

/// Loads a sweep spec (see `identifiedSpec`), turning a spec error into a clean exit with its message.
func loadSpec(_ path: String, overrides: [String] = []) throws -> SweepSpec {
    do {
        return try identifiedSpec(path, overrides: overrides)
    } catch {
        throw ValidationError(error.description)
    }
}

/// Loads a sweep spec and plans every job once (a network that does not fit its data, or a job that does not fit
/// this machine's memory, is a spec error; so is data that is not there, unless `checkingData` is false).
func loadPlans(_ path: String, overrides: [String] = [], checkingData: Bool = true) throws -> (sweep: SweepSpec, plans: [JobPlan]) {
    let sweep = try loadSpec(path, overrides: overrides)
    do {
        let plans = try sweep.plans()
        if checkingData { try sweep.checkData(plans) }
        return (sweep, plans)
    } catch {
        throw ValidationError(error.description)
    }
}
