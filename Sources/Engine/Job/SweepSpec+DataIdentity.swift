import Datasets
import Linalg
import Sweep

extension SweepSpec {
    /// This spec with the data of every job that names a `dataset.path` identified by content (`DataDigest`,
    /// computed once per dataset and directory, cached under `cacheDirectory`): `dataset.digest` joins those
    /// jobs' ids, so the same spec pointed at other data is other jobs, and two directories holding the same
    /// data give the same jobs. Jobs on the default location keep their ids. Data that cannot be read gets
    /// `unreadable-` and a hash of its path (its jobs fail naming what is missing, and run again once it is there).
    public func identifyingData(cacheDirectory: String?) -> SweepSpec {
        guard jobs.contains(where: { $0.dataset.path != nil && !$0.dataset.isSynthetic }) else { return self }
        var digests: [String: String] = [:]
        return identifyingData { dataset in
            guard let path = dataset.path, !dataset.isSynthetic else { return nil }
            let key = dataset.name.rawValue + "\u{0}" + path
            if let known = digests[key] { return known }
            let digest = DataDigest.of(DatasetRecipe(name: dataset.name, path: path), cacheDirectory: cacheDirectory)
                ?? "unreadable-" + FNV1a64.hex(FNV1a64.hash(key))
            digests[key] = digest
            return digest
        }
    }
}
