import Dispatch

/// Work started on another thread while the caller goes on with its own; ``value`` waits for it.
///
/// Unlike `DispatchQueue.concurrentPerform` with one iteration per task, the caller's own work then
/// runs outside any `concurrentPerform`, so the parallel loops inside it keep their full width:
/// libdispatch runs a `concurrentPerform` nested in another one's iteration with the width left
/// over, which on a 2-core machine is one thread.
///
/// ```swift
/// let duplicates = SideTask { countDuplicates(table) }
/// let model = buildModel(table)          // uses both cores where it can
/// let count = duplicates.value           // waits if the side task is still running
/// ```
public final class SideTask<T: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the side thread before `done` is left; read only after waiting on `done`.
    private var result: T?

    /// Starts `body` on a global queue.
    public init(_ body: @escaping @Sendable () -> T) {
        done.enter()
        DispatchQueue.global().async {
            self.result = body()
            self.done.leave()
        }
    }

    /// The side task's result, once it has finished.
    public var value: T {
        done.wait()
        return result!
    }
}
