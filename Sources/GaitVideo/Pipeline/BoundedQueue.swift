import Foundation

/// A first-in first-out queue between one producer thread and one consumer thread that holds at
/// most `capacity` items: the producer waits while it is full, so memory stays bounded.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private var failure: Error?
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Adds `item`, waiting while the queue is full. Returns false when the consumer has closed the
    /// queue (the item is dropped).
    func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Ends the stream, with `error` when the producer failed.
    func close(error: Error? = nil) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        if failure == nil { failure = error }
        condition.broadcast()
    }

    /// The next item, waiting for one; `nil` once the queue is closed and empty. Rethrows the
    /// producer's error after the items it delivered.
    func pop() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if !items.isEmpty {
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }
}
