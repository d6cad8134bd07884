import Foundation

/// A growable byte buffer that hands its memory to `Data` without copying (a JUnit report of an
/// L stack is 160 MB, and copying it would double the peak for a moment), or that streams to a
/// file whenever it holds a megabyte.
struct ByteBuffer: ~Copyable {
    private var start: UnsafeMutableRawPointer
    private var count = 0
    private var capacity: Int
    /// Where full buffers go; nil to keep everything in memory.
    var sink: OutputFile.Staged?
    /// The first write to `sink` that failed; later writes are dropped and `flush()` throws it.
    private var failure: Error?
    private static let flushSize = 1 << 20

    init() {
        capacity = 1 << 16
        start = malloc(capacity)!
    }

    deinit { free(start) }

    private mutating func reserve(_ extra: Int) {
        if sink != nil, count + extra > Self.flushSize { flushQuietly() }
        guard count + extra > capacity else { return }
        capacity = max(capacity * 2, count + extra)
        start = realloc(start, capacity)!
    }

    private mutating func flushQuietly() {
        if failure == nil, let sink {
            do { try sink.write(UnsafeRawBufferPointer(start: start, count: count)) } catch { failure = error }
        }
        count = 0
    }

    /// Writes what is buffered to the sink; throws the first write that failed.
    mutating func flush() throws {
        flushQuietly()
        if let failure { throw failure }
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        start.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    mutating func append(repeating byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats)
        (start + count).initializeMemory(as: UInt8.self, repeating: byte, count: repeats)
        count += repeats
    }

    mutating func append(_ data: Data) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, !raw.isEmpty else { return }
            reserve(raw.count)
            (start + count).copyMemory(from: base, byteCount: raw.count)
            count += raw.count
        }
    }

    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return }
        reserve(utf8.count)
        (start + count).copyMemory(from: base, byteCount: utf8.count)
        count += utf8.count
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `chunks` while `work` runs. Streaming, the buffered bytes are written first and
    /// the chunks then go to the file on another thread, so that `work` (rendering what comes
    /// next) overlaps the kernel's copy of them; in memory, they are appended before `work`.
    mutating func append<T>(_ chunks: [Data], whileRunning work: () -> T) -> T {
        guard let sink else {
            for chunk in chunks { append(chunk) }
            return work()
        }
        flushQuietly()
        guard failure == nil else { return work() }
        let writer = Background { Result { for chunk in chunks { try sink.write(chunk) } } }
        let result = work()
        if case .failure(let error) = writer.wait() { failure = error }
        return result
    }

    /// The bytes as `Data`, which takes over the memory; the buffer starts afresh.
    mutating func take() -> Data {
        let data = Data(bytesNoCopy: start, count: count, deallocator: .free)
        capacity = 1 << 16
        start = malloc(capacity)!
        count = 0
        return data
    }
}
