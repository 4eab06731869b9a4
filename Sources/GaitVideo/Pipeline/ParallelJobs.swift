import Foundation

/// Runs independent jobs (one per video) on up to `jobs` threads at once, for batch work.
public enum ParallelJobs {
    /// Calls `body(i)` for every `i` in `0..<count`, at most `jobs` at a time, and returns the
    /// results in index order. A failing job does not stop the others.
    public static func run<Output: Sendable>(
        count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> Output
    ) -> [Result<Output, Error>] {
        let results = ResultBox<Output>(count: count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, jobs)
        for index in 0..<count {
            queue.addOperation {
                results.set(index, Result { try body(index) })
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return results.values()
    }

    private final class ResultBox<Output>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Output, Error>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Output, Error>) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        func values() -> [Result<Output, Error>] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
