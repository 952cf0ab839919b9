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
        let started = Date()
        MemoryTuning.returnLargeBlocksToTheSystem()
        project.language()
        var options = project.build()
        options.fullRebuild = full
        options.otherBuild = noWait ? .fail : .wait
        options.waiting = { Terminal.error(Terminal.say($0)) }
        // In the wrong folder there is no site to build: say where to run it, and leave no status file there.
        try project.requireSite("build")
        let output = options.outputDirectory.relativePath
        let outputExisted = FileManager.default.fileExists(atPath: options.outputDirectory.path)
        let progress = quiet || !ProgressLine.isAvailable ? nil : ProgressLine()
        if let progress { options.progress = { progress.update($0) } }
        do {
            let report = try Build.run(options)
            progress?.finish()
            record(succeeded: true, options: options)
            Terminal.print(report.warnings)
            if timings {
                // Processor seconds over wall seconds: how many of the machine's cores a stage kept busy, so the
                // stages that run on one thread show (issue #27: a whole build at 1.85 of 2).
                func cores(_ processor: Double, _ wall: Double) -> String { wall > 0 ? String(format: "%.2f", processor / wall) : "-" }
                for stage in report.stages {
                    let memory = stage.residentBytes > 0 ? String(format: " (resident %.0f MB)", Double(stage.residentBytes) / 1e6) : ""
                    Terminal.error(stage.name + ": " + String(format: "%.3f s (processor %.2f s, ", stage.seconds, stage.processorSeconds)
                                   + cores(stage.processorSeconds, stage.seconds) + " cores)" + memory)
                }
                let wall = Date().timeIntervalSince(started), processor = Build.processorSeconds()
                let inStages = report.stages.reduce(0) { $0 + $1.seconds }
                Terminal.error(String(format: "whole build: %.3f s (processor %.2f s, ", wall, processor) + cores(processor, wall)
                               + String(format: " cores; %.3f s outside the stages)", wall - inStages))
            }
            print(report.summary(in: Terminal.language))
        } catch let failure as BuildFailure {
            progress?.finish()
            Terminal.print(failure.diagnostics)
            Terminal.error(Terminal.say(Message(outputExisted ? "cli.buildFailed" : "cli.buildFailedNoOutput",
                                                ["count": .count(failure.errors.count), "output": "\(output)"])))
            record(succeeded: false, problems: failure.diagnostics, options: options)
            throw ExitCode.failure
        } catch let busy as BuildLock.Busy {
            progress?.finish()
            Terminal.error(Terminal.say(Message("cli.buildNotRun", ["reason": .message(busy.message)])))
            // EX_TEMPFAIL (try again later), which the timer's service takes for success; a hung build holding the
            // lock is a failure someone must see.
            throw busy.isStuck ? ExitCode.failure : ExitCode(75)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress?.finish()
            Terminal.error(Terminal.say(Message(outputExisted ? "cli.buildFailedIO" : "cli.buildFailedIONoOutput",
                                                ["reason": .message(FileProblem.message(error)), "output": "\(output)"])))
            record(succeeded: false, reason: FileProblem.message(error), options: options)
            throw ExitCode.failure
        }
    }

    /// The outcome where editors see it (`BuildStatus`): the timer's builds have no one watching their terminal.
    /// A build that waited for another one and did not run leaves the status as that one wrote it.
    private func record(succeeded: Bool, problems: [Diagnostic] = [], reason: Message? = nil, options: Build.Options) {
        let project = BuildStatus.project(content: options.contentDirectory)
        let status = BuildStatus.after(BuildStatus.load(project: project), succeeded: succeeded, problems: problems,
                                       reason: reason, output: options.outputDirectory.lastPathComponent, now: Date())
        if let error = status.save(project: project, language: Terminal.language,
                                   timeZone: BuildStatus.timeZone(content: options.contentDirectory)) {
            Terminal.error(Terminal.say(Message("status.notSaved", ["file": "\(BuildStatus.textName)",
                                                                    "reason": .message(FileProblem.message(error))])))
        }
    }
}
