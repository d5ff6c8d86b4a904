import Foundation

/// The CPUs this process may run on (its affinity mask, e.g. one core when `mpirun` binds ranks).
public enum CPUAffinity {
    /// How many CPUs the affinity mask allows, from `/proc/self/status`; `nil` where unknown.
    public static var allowedCount: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        let list = line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        var count = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 2, bounds[1] >= bounds[0] { count += bounds[1] - bounds[0] + 1 } else if bounds.count == 1 { count += 1 }
        }
        return count > 0 ? count : nil
    }

    /// Jobs to run at once without MPI: the CPUs this process may use.
    public static var defaultSlots: Int {
        min(ProcessInfo.processInfo.activeProcessorCount, allowedCount ?? Int.max)
    }
}
