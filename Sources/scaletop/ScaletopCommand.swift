import ArgumentParser

@main
struct ScaletopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop",
        abstract: "A terminal dashboard for neural scaling-law studies.",
        discussion: """
        Start with `scaletop demo` to watch the bundled OLMo ladder replay, or point
        `scaletop watch` at the folder your training code writes its JSONL logs to.
        """,
        subcommands: [WatchCommand.self, DemoCommand.self, RunsCommand.self, FitCommand.self, WhatIfCommand.self, ForecastCommand.self,
                      ExportCommand.self]
    )
}
