/// Tagged byte messages between the ranks of a sweep: what the coordinator and the workers need of MPI.
/// `MPIWorld` is the real one; tests drive the coordinator through an in-process fake.
public protocol RankChannel: AnyObject {
    /// This process's rank (0 hands out the work).
    var rank: Int { get }
    /// The number of ranks.
    var size: Int { get }
    /// The next waiting message from `source` (any when nil), without receiving it; nil when none. Never blocks.
    func probe(source: Int?, tag: Int?) throws(MPIError) -> MPIWorld.Envelope?
    /// Receives the message `envelope` describes.
    func receive(_ envelope: MPIWorld.Envelope) throws(MPIError) -> [UInt8]
    /// Sends `bytes` to rank `destination` with `tag`.
    func send(_ bytes: [UInt8], to destination: Int, tag: Int) throws(MPIError)
}

extension RankChannel {
    /// The next waiting message from anyone.
    func probe() throws(MPIError) -> MPIWorld.Envelope? { try probe(source: nil, tag: nil) }
}
