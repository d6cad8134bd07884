import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map`, with the elements transformed on all cores; the result is in the original order,
    /// so callers that merge it in order produce the same output as a serial `map`.
    ///
    /// Used where the work splits cleanly: files loaded independently (`InventoryLoader`), rules
    /// evaluated independently (`Checker`), reports rendered independently (`Output`).
    /// `parallel: false` runs the plain `map`, which the tests use to show both give the same
    /// bytes.
    public func concurrentMap<T: Sendable>(parallel: Bool = true, _ transform: @Sendable (Element) -> T) -> [T] {
        guard parallel, count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return map(transform) }
        let slots = Slots<T>(count: count)
        defer { slots.deallocate() }
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { elements in
                let input = UnsafeSendable(elements)
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    slots.set(index, transform(input.value[index]))
                }
            }
        }
        return slots.values()
    }
}

/// Result slots written by index from several threads; each index is written exactly once, by
/// one thread, and read only after every thread has finished (`concurrentPerform` returns
/// then), so no two threads ever touch the same memory.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<T>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = UnsafeMutablePointer<T>.allocate(capacity: count)
    }

    func set(_ index: Int, _ value: T) { (buffer + index).initialize(to: value) }

    /// Moves every value out; each slot must have been set.
    func values() -> [T] {
        let result = Array(UnsafeBufferPointer(start: buffer, count: count))
        buffer.deinitialize(count: count)
        return result
    }

    func deallocate() { buffer.deallocate() }
}

/// A read-only buffer handed to the worker threads of `concurrentMap`; the array it points
/// into outlives them.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
