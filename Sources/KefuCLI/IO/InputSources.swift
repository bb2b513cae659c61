import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inputs of a filter command: files named as arguments, or standard input.
struct InputSources {
    /// A source's display name (the path, or `-` for standard input) and its file descriptor.
    let sources: [(name: String, fd: Int32)]

    /// Opens every file, or standard input when there are none (`-` also means standard input).
    ///
    /// - Throws: A `ValidationError` (exit 64) naming a file that cannot be opened.
    init(paths: [String]) throws {
        if paths.isEmpty {
            sources = [("-", 0)]
            return
        }
        var opened: [(String, Int32)] = []
        for path in paths {
            if path == "-" {
                opened.append(("-", 0))
                continue
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw ValidationError("cannot open '\(path)': \(String(cString: strerror(errno)))")
            }
            opened.append((path, fd))
        }
        sources = opened
    }

    /// Where a line came from, for messages: `line 3` on standard input, `file.txt:3` otherwise.
    static func position(_ name: String, _ line: Int) -> String {
        name == "-" ? "line \(line)" : "\(name):\(line)"
    }
}
