import ArgumentParser

/// `kefu`: suggest replies for shoppers' chat messages.
@main
struct KefuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "Suggest replies for shoppers' chat messages.",
        discussion: """
            Exit status: 0 when the input was processed (even with error lines), 2 when the rules \
            cannot be loaded, 64 for usage errors.
            """,
        subcommands: [Suggest.self, Test.self, Lint.self, Diff.self, Segment.self, Learn.self]
    )
}
