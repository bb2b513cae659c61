#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered output to a file descriptor with `write(2)`.
///
/// A closed reader (`kefu suggest < big | head -1`) ends the process quietly with status 0 rather
/// than a crash on SIGPIPE.
struct OutputWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let limit = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(limit + 4096)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Appends a line (a newline is added).
    mutating func writeLine(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= limit { flush() }
    }

    /// Appends raw bytes.
    mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    /// Writes out everything buffered.
    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                // The reader has gone (EPIPE) or the disk is full: nothing more can be said.
                exit(errno == EPIPE ? 0 : 74)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes a line to standard error at once.
func printError(_ text: String) {
    var line = Array(text.utf8)
    line.append(0x0A)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
