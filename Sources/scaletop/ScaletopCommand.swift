import ArgumentParser
import BundledFiles
import Dispatch
import RunIngest
import ScalingLaws

@main
struct ScaletopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaletop",
        abstract: "A terminal dashboard for neural scaling-law studies.",
        discussion: """
        Start with `scaletop demo` to watch the built-in OLMo ladder replay, or point
        `scaletop watch` at the folder your training code writes its logs to.

        Settings: $XDG_CONFIG_HOME/scaletop/config.yml (default ~/.config/scaletop/config.yml)
        may set theme, export_dir, hardware and bootstrap; your own themes go in themes/ beside
        it (or in the folder $SCALETOP_THEMES names). scaletop never writes there.
        """,
        version: BundledFiles.versionLine,
        subcommands: [WatchCommand.self, DemoCommand.self, RunsCommand.self, FitCommand.self, WhatIfCommand.self, ForecastCommand.self,
                      ExportCommand.self]
    )

    /// OpenBLAS's workers are stopped before any command runs: they spin from load until
    /// told otherwise (`BLASThreading`). The allocator keeps freed memory for reuse
    /// (`FreedMemoryReuse`). Run names' patterns are compiled on another thread meanwhile
    /// (`RunNamePatterns.compileAhead`): every invocation starts that thread and spends its
    /// 3 ms of CPU, `--help` and `--version` too; the commands that load a study find the
    /// patterns ready.
    static func main() {
        FreedMemoryReuse.configure()
        DispatchQueue.global().async { RunNamePatterns.compileAhead() }
        BLASThreading.pinToOneThread()
        main(nil)
    }
}
