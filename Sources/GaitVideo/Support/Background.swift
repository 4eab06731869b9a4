import Foundation

/// A value computed on its own thread, started at init; `value()` waits for it (and returns at
/// once on later calls). With `Failure == Never` (e.g. reading a pipe to its end) no `try` is needed.
final class Background<Value, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Failure>?

    init(_ body: @escaping @Sendable () throws(Failure) -> Value) {
        Thread.detachNewThread { [self] in
            do throws(Failure) {
                result = .success(try body())
            } catch {
                result = .failure(error)
            }
            done.signal()
        }
    }

    /// The value, or the error the computation threw.
    func value() throws(Failure) -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}

extension Background where Value == Data, Failure == Never {
    /// Reads the file descriptor `descriptor` to its end (until the writer closes it).
    convenience init(reading descriptor: Int32) {
        self.init { ChildProcess.readToEnd(descriptor) }
    }
}
