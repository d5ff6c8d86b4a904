import ArgumentParser
import Sweep

/// Loads a sweep spec, turning a spec error into a clean exit with its message.
func loadSpec(_ path: String) throws -> SweepSpec {
    do {
        return try SweepSpec.load(path: path)
    } catch {
        throw ValidationError(error.description)
    }
}
