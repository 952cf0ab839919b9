import ArgumentParser
import BanTinKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: Terminal.bilingual("help.build"))

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Render and write every file, ignoring what the previous build left in the output.")
    var full = false

    @Flag(help: "Stop at once (exit status 75) instead of waiting when another build is using the same output or counter state.")
    var noWait = false

    @Flag(help: "No progress line.")
    var quiet = false

    @Flag(help: "Print the time each stage took.")
    var timings = false

    func run() throws {
        MemoryTuning.returnLargeBlocksToTheSystem()
        project.language()
        var options = project.build()
        options.fullRebuild = full
        options.otherBuild = noWait ? .fail : .wait
        options.waiting = { Terminal.error(Terminal.say($0)) }
        let progress = quiet || !ProgressLine.isAvailable ? nil : ProgressLine()
        if let progress { options.progress = { progress.update($0) } }
        do {
            let report = try Build.run(options)
            progress?.finish()
            Terminal.print(report.warnings)
            if timings {
                for stage in report.stages {
                    let memory = stage.residentBytes > 0 ? String(format: " (resident %.0f MB)", Double(stage.residentBytes) / 1e6) : ""
                    Terminal.error(stage.name + ": " + String(format: "%.3f s (processor %.2f s)", stage.seconds, stage.processorSeconds) + memory)
                }
            }
            print(report.summary(in: Terminal.language))
        } catch let failure as BuildFailure {
            progress?.finish()
            Terminal.print(failure.diagnostics)
            Terminal.error(Terminal.say(Message("cli.buildFailed", ["count": .count(failure.errors.count),
                                                                   "output": "\(options.outputDirectory.relativePath)"])))
            throw ExitCode.failure
        } catch let busy as BuildLock.Busy {
            progress?.finish()
            Terminal.error(Terminal.say(Message("cli.buildNotRun", ["reason": .message(busy.message)])))
            throw ExitCode(75)  // EX_TEMPFAIL: try again later
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress?.finish()
            Terminal.error(Terminal.say(Message("cli.buildFailedIO", ["reason": .message(FileProblem.message(error)),
                                                                     "output": "\(options.outputDirectory.relativePath)"])))
            throw ExitCode.failure
        }
    }
}
