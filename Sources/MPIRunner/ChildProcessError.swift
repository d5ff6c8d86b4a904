/// A child process that could not be started.
struct ChildProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
