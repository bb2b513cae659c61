#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input line as bytes, without its line end (`\n` or `\r\n`).
struct InputLine {
    /// The bytes of the line, at most the reader's limit.
    var bytes: ArraySlice<UInt8>
    /// 1-based line number within its source.
    var number: Int
    /// Whether the line was longer than the reader keeps; its tail was read and dropped.
    var isTruncated: Bool
    /// The line's full length in bytes.
    var fullLength: Int

    /// The line as text, with invalid UTF-8 repaired to U+FFFD; `isRepaired` says whether it was.
    ///
    /// Valid UTF-8 is checked through `UTF8Span` rather than `String(validating:as:)`, which took
    /// twice as long: 1,480 instructions a line of the benchmark messages against 730 with the copy
    /// into a `String` (callgrind).
    func decoded() -> (text: String, isRepaired: Bool) {
        if let valid = try? UTF8Span(validating: bytes.span) { return (String(copying: valid), false) }
        return (String(decoding: bytes, as: UTF8.self), true)
    }
}

/// Reads lines from a file descriptor with `read(2)` and its own buffer.
///
/// Hand-written rather than `readLine()`: it keeps NUL bytes and invalid UTF-8 for the caller to
/// report, bounds the memory a 10 MB line takes, and knows when its buffer is empty, so a filter
/// can flush its answers exactly when the next read would block (``willBlock``).
struct LineReader {
    private let fd: Int32
    private let maximumLineBytes: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var lineNumber = 0
    /// The bytes of the line being read, reused from line to line (one allocation less per line, as
    /// long as the caller lets go of the last line before asking for the next).
    private var line: [UInt8] = []

    /// - Parameters:
    ///   - fd: The file descriptor to read.
    ///   - maximumLineBytes: Bytes kept of one line; the rest is skipped and the line flagged.
    init(fd: Int32, maximumLineBytes: Int = 1 << 20) {
        self.fd = fd
        self.maximumLineBytes = maximumLineBytes
        self.buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    /// Whether reading more input would have to wait: the buffer is used up and nothing is ready.
    var willBlock: Bool {
        if start < end || atEOF { return false }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pfd, 1, 0) == 0
    }

    /// The next line, or `nil` at the end of input. A last line without a newline is a line.
    mutating func next() -> InputLine? {
        line.removeAll(keepingCapacity: true)
        var length = 0
        var sawAny = false
        while true {
            if start == end {
                if atEOF || !refill() {
                    guard sawAny else { return nil }
                    break
                }
            }
            sawAny = true
            let newline = buffer.withUnsafeBufferPointer { b -> Int? in
                guard let base = b.baseAddress,
                    let hit = memchr(base + start, 0x0A, end - start)
                else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            let stop = newline ?? end
            let take = min(stop - start, maximumLineBytes - line.count)
            if take > 0 { line.append(contentsOf: buffer[start..<start + take]) }
            length += stop - start
            if let newline {
                start = newline + 1
                break
            }
            start = end
        }
        lineNumber += 1
        if line.last == 0x0D, length <= maximumLineBytes {
            line.removeLast()
            length -= 1
        }
        return InputLine(bytes: line[...], number: lineNumber, isTruncated: length > maximumLineBytes,
                         fullLength: length)
    }

    private mutating func refill() -> Bool {
        start = 0
        end = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                end = n
                return true
            }
            if n < 0, errno == EINTR { continue }
            atEOF = true
            return false
        }
    }
}
