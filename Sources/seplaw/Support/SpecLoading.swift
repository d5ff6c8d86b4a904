import ArgumentParser
import Engine
import Sweep

/// Loads a sweep spec with its command-line overrides, turning a spec error into a clean exit with its message.
func loadSpec(_ path: String, overrides: [String] = []) throws -> SweepSpec {
    do {
        return try SweepSpec.load(path: path, overrides: overrides)
    } catch {
        throw ValidationError(error.description)
    }
}

/// Loads a sweep spec and plans every job once (a network that does not fit its data is a spec error).
func loadPlans(_ path: String, overrides: [String] = []) throws -> (sweep: SweepSpec, plans: [JobPlan]) {
    let sweep = try loadSpec(path, overrides: overrides)
    do {
        return (sweep, try sweep.plans())
    } catch {
        throw ValidationError(error.description)
    }
}
