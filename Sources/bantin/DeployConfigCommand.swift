import ArgumentParser
import BanTinKit
import Foundation

/// `bantin deploy-config nginx|systemd-service|systemd-timer|cron`: the live server's configuration, filled in from
/// site.yml (the host of `base_url`, the log of `counter.logs`) and the project's folders. docs/DEPLOY.md says where
/// each goes.
struct DeployConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy-config", abstract: Terminal.bilingual("help.deployConfig"))

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case nginx, systemdService = "systemd-service", systemdTimer = "systemd-timer", cron
    }

    @Argument(help: "What to print: nginx, systemd-service, systemd-timer or cron.")
    var kind: Kind

    @OptionGroup var project: ProjectOptions

    @Option(help: "nginx server_name (default: the host of base_url in site.yml).")
    var serverName: String?

    @Option(help: "nginx listen address (repeatable; default: 80 and [::]:80).")
    var listen: [String] = []

    @Option(help: "nginx access log the counter reads (default: from counter.logs in site.yml, else /var/log/nginx/access.log).")
    var accessLog: String?

    @Option(help: "The user that runs the timer's builds.")
    var user = "bantin"

    @Option(help: "Minutes between timer builds.")
    var every = 5

    @Option(help: "Path of the bantin executable the timer starts.")
    var bantin = "/usr/local/bin/bantin"

    func run() throws {
        project.language()
        // Every path from the project folder (the one holding the content), as `build` resolves the counter's:
        // run from anywhere, the set-up names the same folders. Options given relative are from here.
        let here = FileManager.default.currentDirectoryPath
        let absolute = { (path: String) in
            URL(fileURLWithPath: path.hasPrefix("/") ? path : (here as NSString).appendingPathComponent(path)).standardizedFileURL.path
        }
        let content = absolute(project.content)
        let projectDirectory = (content as NSString).deletingLastPathComponent
        let inProject = { (name: String) in (projectDirectory as NSString).appendingPathComponent(name) }
        let templates = project.templates == "templates" ? inProject("templates") : absolute(project.templates)
        let output = project.output.map(absolute) ?? inProject("public")
        let siteFile = URL(fileURLWithPath: content).appendingPathComponent("site.yml")
        guard let text = try? String(contentsOf: siteFile, encoding: .utf8) else {
            Terminal.error(Terminal.say(Message("deploy.noSiteFile", ["file": .text(siteFile.path)])))
            throw ExitCode.failure
        }
        // What `build` refuses in site.yml (a base_url it cannot read) must not become a set-up for another host.
        let (parsed, diagnostics) = SiteConfig.parse(SourceFile(path: siteFile.path, text: text))
        guard let site = parsed, !diagnostics.contains(where: { $0.severity == .error }) else {
            Terminal.print(diagnostics)
            Terminal.error(Terminal.say(Message("deploy.siteFileErrors", ["file": .text(siteFile.path)])))
            throw ExitCode.failure
        }
        guard (1...59).contains(every) else {
            Terminal.error(Terminal.say(Message("deploy.every")))
            throw ExitCode.failure
        }
        let log = accessLog.map(absolute)
            ?? site.counter.flatMap { DeployConfig.accessLog(counterLogs: $0.logs, projectDirectory: projectDirectory) }
            ?? "/var/log/nginx/access.log"
        var config = DeployConfig(serverName: serverName ?? site.baseURL.host ?? "_", projectDirectory: projectDirectory,
                                  siteRoot: output, accessLog: log)
        if !listen.isEmpty { config.listen = listen }
        config.user = user
        config.minutes = every
        config.bantin = bantin
        // The timer builds in the project folder: only folders elsewhere than the defaults there are passed.
        config.buildArguments = [("--content", content, inProject("content")), ("--templates", templates, inProject("templates")),
                                 ("--output", output, inProject("public"))]
            .filter { $0.1 != $0.2 }.flatMap { [$0.0, $0.1] }
        let problems = config.problems()
        guard problems.isEmpty else {
            for problem in problems { Terminal.error(Terminal.say(problem)) }
            throw ExitCode.failure
        }
        switch kind {
        case .nginx: print(config.nginx(), terminator: "")
        case .systemdService: print(config.systemdService(), terminator: "")
        case .systemdTimer: print(config.systemdTimer(), terminator: "")
        case .cron: print(config.cron(), terminator: "")
        }
    }
}
