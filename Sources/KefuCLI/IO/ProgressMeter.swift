import Foundation

/// A progress line on stderr (`kefu: 120000 messages, 215000 messages/s`), at most twice a second.
struct ProgressMeter {
    let isEnabled: Bool
    private var messages = 0
    private let start = ContinuousClock.now
    private var lastPrint = ContinuousClock.now

    init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    mutating func count() {
        messages += 1
        guard isEnabled, messages % 1024 == 0 else { return }
        let now = ContinuousClock.now
        if now - lastPrint > .milliseconds(500) {
            lastPrint = now
            report(final: false)
        }
    }

    func finish() {
        if isEnabled { report(final: true) }
    }

    private func report(final: Bool) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Int(Double(messages) / seconds) : 0
        printError("kefu: \(messages) messages, \(rate) messages/s" + (final ? " (done)" : ""))
    }
}
