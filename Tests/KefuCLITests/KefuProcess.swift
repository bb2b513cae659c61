import Foundation

/// Runs the built `kefu` binary, as a user's shell would.
struct KefuProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    /// The package root, from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `kefu` binary beside the test bundle.
    static let binary: URL = {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for dir in candidates {
            var d = dir
            for _ in 0..<4 {
                let candidate = d.appendingPathComponent("kefu")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                d = d.deletingLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/kefu")
    }()

    /// Runs `kefu` with arguments and standard input bytes, and waits for it.
    static func run(_ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Result {
        signal(SIGPIPE, SIG_IGN)  // a process that exits before reading its input must not kill the tests
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEFU_RULES")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-stderr-\(UUID())")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let stderr = try FileHandle(forWritingTo: errURL)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let input = Data(input)
        let writing = stdin.fileHandleForWriting
        let writer = Thread {
            writing.write(input)
            try? writing.close()
        }
        writer.start()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `kefu` with text as standard input.
    static func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Result {
        try run(arguments, input: Array(input.utf8), environment: environment)
    }
}

/// A running `kefu` that a test talks to one line at a time, like an agent's coproc.
final class InteractiveKefu {
    private let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()
    private var pending = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = KefuProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = KefuProcess.packageRoot
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Sends one line and returns the one line answered, without closing standard input.
    /// Returns nil if no answer comes within `seconds` (a hang guard, not a performance check).
    func ask(_ line: String, seconds: Double = 60) -> String? {
        stdin.fileHandleForWriting.write(Data((line + "\n").utf8))
        let deadline = Date().addingTimeInterval(seconds)
        let fd = stdout.fileHandleForReading.fileDescriptor
        while Date() < deadline {
            if let newline = pending.firstIndex(of: 0x0A) {
                let answer = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return answer
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 100) > 0 {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                pending.append(chunk)
            }
        }
        return nil
    }

    /// Closes standard input and waits for the process; returns its exit status.
    func finish() -> Int32 {
        try? stdin.fileHandleForWriting.close()
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
