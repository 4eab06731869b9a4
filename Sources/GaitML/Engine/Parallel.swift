import Dispatch

/// A pointer that may cross into a parallel region. The caller guarantees that threads touch
/// disjoint elements, or only read.
struct SendablePointer: @unchecked Sendable {
    let base: UnsafePointer<Float>
    init(_ base: UnsafePointer<Float>) { self.base = base }
}

/// A mutable pointer that may cross into a parallel region (threads write disjoint elements).
struct SendableMutablePointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    init(_ base: UnsafeMutablePointer<Float>) { self.base = base }
}

/// Fork-join parallelism for GaitML's hot loops.
enum Parallel {
    /// Runs `body(0) ... body(count - 1)` concurrently (one after the other when
    /// `Engine.threadCount` is 1) and returns when all have finished.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 || Engine.threadCount == 1 {
            for index in 0..<count { body(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// Runs `body` on `Engine.threadCount` nearly equal slices of `0..<total` (boundaries multiples
    /// of 8) concurrently, or on the whole range when `total` is under `minimum`. The slices depend
    /// only on `total` and the thread count, so results do not depend on timing.
    static func forEachSlice(of total: Int, minimum: Int = 1 << 16, _ body: @Sendable (_ part: Int, _ range: Range<Int>) -> Void) {
        let parts = total >= minimum ? Engine.threadCount : 1
        forEach(parts) { part in body(part, chunk(part, of: parts, total: total, alignment: 8)) }
    }

    /// The `part`-th of `parts` nearly equal slices of `0..<total`, boundaries rounded to a multiple
    /// of `alignment` (except the end).
    static func chunk(_ part: Int, of parts: Int, total: Int, alignment: Int = 1) -> Range<Int> {
        func boundary(_ index: Int) -> Int {
            if index >= parts { return total }
            let raw = total * index / parts
            return min(total, (raw + alignment / 2) / alignment * alignment)
        }
        return boundary(part)..<boundary(part + 1)
    }
}
