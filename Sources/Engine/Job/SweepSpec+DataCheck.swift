import Datasets
import Sweep

extension SweepSpec {
    /// Checks, before any job runs, that every job's data is there: the directory and its files exist, and each
    /// class holds the training and test images the job samples (`per_class`, `class_counts`, `test_per_class`).
    /// Label files are read once per dataset; images are not read. An error names the key and the directory.
    public func checkData(_ plans: [JobPlan]) throws(SpecError) {
        var sizes: [DatasetRecipe: (train: [Int], test: [Int])?] = [:]
        var previous: (dataset: DatasetConfig, testPerClass: Int?)?
        for index in plans.indices {
            // A job whose data and measured test sample are those of the job before (its seeds, its learning
            // rates) asks for nothing new.
            if let previous, previous.dataset == plans[index].spec.dataset,
               previous.testPerClass == plans[index].spec.measure.testPerClass {
                continue
            }
            let plan = plans[index]
            previous = (plan.spec.dataset, plan.spec.measure.testPerClass)
            var source = plan.recipe
            source.seed = 0
            source.perClass = nil
            source.classCounts = nil
            source.testPerClass = nil
            let available: (train: [Int], test: [Int])?
            if let known = sizes[source] {
                available = known
            } else {
                do {
                    available = try plan.recipe.classSizes()
                } catch {
                    throw SpecError(file: file, key: "dataset.path", message: "\(error) (job \(plan.id))")
                }
                sizes[source] = available
            }
            guard let available else { continue }
            let dataset = plan.spec.dataset
            let location = (try? plan.recipe.imageDirectory()) ?? dataset.name.rawValue
            if let counts = dataset.classCounts {
                for (k, wanted) in counts.enumerated() where k < available.train.count && wanted > available.train[k] {
                    throw SpecError(file: file, key: "dataset.class_counts[\(k)]",
                                    message: "asks for \(wanted) training images of class \(k), but \(location) holds "
                                        + "\(available.train[k]) (job \(plan.id))")
                }
            } else if let perClass = dataset.perClass, let (k, smallest) = available.train.enumerated().min(by: { $0.1 < $1.1 }),
                      perClass > smallest {
                throw SpecError(file: file, key: "dataset.per_class",
                                message: "asks for \(perClass) training images per class, but class \(k) of \(location) "
                                    + "holds only \(smallest) (job \(plan.id))")
            }
            for testPerClass in [dataset.testPerClass, plan.spec.measure.testPerClass].compactMap({ $0 }) {
                if let (k, smallest) = available.test.enumerated().min(by: { $0.1 < $1.1 }), testPerClass > smallest {
                    throw SpecError(file: file, key: dataset.testPerClass == testPerClass ? "dataset.test_per_class" : "measure.test_per_class",
                                    message: "asks for \(testPerClass) test images per class, but class \(k) of \(location) "
                                        + "holds only \(smallest) (job \(plan.id))")
                }
            }
        }
    }
}
