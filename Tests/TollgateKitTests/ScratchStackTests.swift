import Testing

@testable import TollgateKit

/// The JSON reader's scratch stack moves elements by hand (unsafe pointers), so what it must
/// not get wrong is ownership: every element pushed ends up exactly once in an array or is
/// released with the stack, through growth and nesting, and nested collections get their own
/// elements in order.
@Suite("Scratch stack", .serialized)
struct ScratchStackTests {
    /// Counts live instances, so a lost or doubly released element shows.
    final class Tracked {
        nonisolated(unsafe) static var live = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.live += 1
        }
        deinit { Self.live -= 1 }
    }

    @Test func nestedCollectionsGetTheirOwnElementsInOrderThroughGrowth() {
        let before = Tracked.live
        do {
            let stack = ScratchStack<Tracked>(capacity: 2)
            // An outer collection of 5, with an inner one of 40 opened after its third element.
            let outer = stack.count
            for value in 0..<3 { stack.push(Tracked(value)) }
            let inner = stack.count
            for value in 100..<140 { stack.push(Tracked(value)) }
            #expect(stack.contains(from: inner) { $0.value == 139 })
            #expect(!stack.contains(from: inner) { $0.value == 2 })
            let innerElements = stack.pop(from: inner)
            #expect(innerElements.map(\.value) == Array(100..<140))
            #expect(stack.count == 3)
            for value in 3..<5 { stack.push(Tracked(value)) }
            var seen: [Int] = []
            stack.forEach(from: outer) { seen.append($0.value) }
            #expect(seen == Array(0..<5))
            let outerElements = stack.pop(from: outer)
            #expect(outerElements.map(\.value) == Array(0..<5))
            #expect(stack.count == 0)
            #expect(stack.pop(from: 0).isEmpty)
            #expect(Tracked.live - before == 45)
        }
        #expect(Tracked.live == before)
    }

    @Test func elementsLeftBehindAreReleasedWithTheStack() {
        let before = Tracked.live
        do {
            let stack = ScratchStack<Tracked>(capacity: 1)
            for value in 0..<10 { stack.push(Tracked(value)) }
            #expect(Tracked.live - before == 10)
        }
        #expect(Tracked.live == before)
    }
}
