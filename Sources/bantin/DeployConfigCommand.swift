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
        let here = FileManager.default.currentDirectoryPath
        let absolute = { (path: String) in path.hasPrefix("/") ? path : (here as NSString).appendingPathComponent(path) }
        let siteFile = URL(fileURLWithPath: project.content).appendingPathComponent("site.yml")
        guard let text = try? String(contentsOf: siteFile, encoding: .utf8) else {
            Terminal.error("\(siteFile.path): cannot be read")
            throw ExitCode.failure
        }
        let (parsed, diagnostics) = SiteConfig.parse(SourceFile(path: siteFile.path, text: text))
        guard let site = parsed else {
            Terminal.print(diagnostics)
            throw ExitCode.failure
        }
        guard (1...59).contains(every) else {
            Terminal.error("--every must be between 1 and 59 minutes")
            throw ExitCode.failure
        }
        let log = accessLog.map(absolute)
            ?? site.counter.flatMap { DeployConfig.accessLog(counterLogs: $0.logs, projectDirectory: here) }
            ?? "/var/log/nginx/access.log"
        var config = DeployConfig(serverName: serverName ?? site.baseURL.host ?? "_", projectDirectory: here,
                                  siteRoot: absolute(project.output ?? "public"), accessLog: log)
        if !listen.isEmpty { config.listen = listen }
        config.user = user
        config.minutes = every
        config.bantin = bantin
        config.buildArguments = [("--content", project.content, "content"), ("--templates", project.templates, "templates"),
                                 ("--output", project.output ?? "public", "public")]
            .filter { $0.1 != $0.2 }.flatMap { [$0.0, $0.1] }
        switch kind {
        case .nginx: print(config.nginx(), terminator: "")
        case .systemdService: print(config.systemdService(), terminator: "")
        case .systemdTimer: print(config.systemdTimer(), terminator: "")
        case .cron: print(config.cron(), terminator: "")
        }
    }
}
