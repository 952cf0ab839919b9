import Foundation
import Testing
@testable import BanTinKit

@Suite("Server set-up printed by bantin deploy-config")
struct DeployConfigTests {
    let config = DeployConfig(serverName: "sldtbxh.vinhlong.gov.vn", projectDirectory: "/srv/bantin",
                              siteRoot: "/srv/bantin/public", accessLog: "/var/log/nginx/access.log")

    @Test func theServerBlockServesTheSiteWithItsRedirectsAnd404Page() {
        let nginx = config.nginx()
        #expect(nginx.contains("    server_name sldtbxh.vinhlong.gov.vn;\n"))
        #expect(nginx.contains("    root /srv/bantin/public;\n"))
        #expect(nginx.contains("    include /srv/bantin/public/nginx-redirects.conf;\n"))
        #expect(nginx.contains("    error_page 404 /404.html;\n"))
        #expect(nginx.contains("    access_log /var/log/nginx/access.log combined;\n"))
        #expect(nginx.contains("    listen 80;\n    listen [::]:80;\n"))
        #expect(nginx.contains("gzip on;"))
    }

    @Test func hashedPhotosAreCachedAYearAndPagesAndFiguresBriefly() {
        let nginx = config.nginx()
        #expect(nginx.contains(#"location ~ "^/images/.+\.[0-9a-f]{8}\.(webp|avif|jpg|png)$" {"#
            + "\n        add_header Cache-Control \"public, max-age=31536000, immutable\";"))
        #expect(nginx.contains("location / {\n        try_files $uri $uri/ =404;\n        add_header Cache-Control \"public, max-age=120\";"))
        #expect(nginx.contains("location = /thong-ke/so-lieu.json {\n        add_header Cache-Control \"public, max-age=60\";"))
        #expect(nginx.contains("location = /thong-ke/luot-xem.json {\n        add_header Cache-Control \"public, max-age=60\";"))
    }

    @Test func pathsWithSpacesAreQuotedForNginxAndTheShell() {
        var spaced = DeployConfig(serverName: "_", projectDirectory: "/srv/so lao dong",
                                  siteRoot: "/srv/so lao dong/public", accessLog: "/var/log/nginx/access.log")
        spaced.buildArguments = ["--output", "/srv/so lao dong/public"]
        #expect(spaced.nginx().contains("    root \"/srv/so lao dong/public\";\n"))
        #expect(spaced.nginx().contains("    include \"/srv/so lao dong/public/nginx-redirects.conf\";\n"))
        #expect(spaced.cron().contains("bantin cd '/srv/so lao dong' && /usr/local/bin/bantin build --quiet --no-wait --output '/srv/so lao dong/public' 2>&1 | logger -t bantin\n"))
    }

    @Test func theTimerBuildsAsAnUnprivilegedUserThatReadsTheLogs() {
        let service = config.systemdService()
        #expect(service.contains("\nUser=bantin\n"))
        #expect(service.contains("\nSupplementaryGroups=adm\n"))
        #expect(service.contains("\nWorkingDirectory=/srv/bantin\n"))
        #expect(service.contains("\nExecStart=/usr/local/bin/bantin build --quiet --no-wait\n"))
        #expect(service.contains("\nSuccessExitStatus=75\n"))
        #expect(service.contains("\nReadWritePaths=/srv/bantin\n"))
        #expect(config.systemdTimer().contains("\nOnCalendar=*:0/5\n"))
        #expect(config.systemdTimer().contains("\nPersistent=true\n"))
        #expect(config.cron().contains("*/5 * * * * bantin cd /srv/bantin && /usr/local/bin/bantin build --quiet --no-wait 2>&1 | logger -t bantin\n"))
    }

    @Test func anOutputOutsideTheProjectIsWritableToo() {
        var outside = config
        outside.siteRoot = "/var/www/portal/public"
        #expect(outside.systemdService().contains("\nReadWritePaths=/srv/bantin /var/www/portal\n"))
    }

    @Test func theAccessLogComesFromTheCounterPattern() {
        #expect(DeployConfig.accessLog(counterLogs: ["/var/log/nginx/portal.access.log*"], projectDirectory: "/srv/bantin")
            == "/var/log/nginx/portal.access.log")
        #expect(DeployConfig.accessLog(counterLogs: ["logs/access.log*"], projectDirectory: "/srv/bantin")
            == "/srv/bantin/logs/access.log")
        #expect(DeployConfig.accessLog(counterLogs: ["/var/log/nginx/access.log.*.gz"], projectDirectory: "/srv")
            == "/var/log/nginx/access.log")
        #expect(DeployConfig.accessLog(counterLogs: ["/var/log/nginx/*.log"], projectDirectory: "/srv") == nil)
        #expect(DeployConfig.accessLog(counterLogs: [], projectDirectory: "/srv") == nil)
    }

    /// Each value that would break out of its line or its word is refused, once, naming the option.
    @Test(arguments: [("server", "cong.vn;\n    include /etc/shadow"), ("server", "a.vn; listen 8080"), ("server", "$host"),
                      ("server", "a.vn\r"), ("server", "a.vn {"), ("listen", "80;\n    root /"), ("listen", "80 ssl;"),
                      ("listen", "443 # x"), ("user", "bantin\nExecStartPre=/bin/sh"), ("user", "root;"), ("user", "-x"),
                      ("user", "a b"), ("user", ""), ("log", "/var/log/$host.log"), ("log", "/var/log/a\nb.log"),
                      ("log", "logs/access.log"), ("root", "/srv/web/$uri"), ("root", "/srv/\"x\"/public"),
                      ("bantin", "/opt/$HOME/bantin"), ("bantin", "/opt/a'b/bantin")])
    func hostileValuesAreRefusedOneProblemEach(_ field: String, _ value: String) {
        var hostile = config
        switch field {
        case "server": hostile.serverName = value
        case "listen": hostile.listen = ["80", value]
        case "user": hostile.user = value
        case "log": hostile.accessLog = value
        case "root": hostile.siteRoot = value
        default: hostile.bantin = value
        }
        let problems = hostile.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.rendered(in: .vi).contains("chưa in gì") == true)
        #expect(config.problems().isEmpty)
        var names = config
        names.serverName = "sldtbxh.vinhlong.gov.vn www.sldtbxh.vinhlong.gov.vn *.portal.vn _"
        names.listen = ["443 ssl", "[::]:443 ssl default_server", "127.0.0.1:8080"]
        #expect(names.problems().isEmpty)
    }

    @Test(arguments: ["/", "/public"])
    func aProjectOrOutputAtTheRootIsRefused(_ root: String) {
        var top = config
        top.projectDirectory = root == "/" ? "/" : "/srv/bantin"
        top.siteRoot = root == "/" ? "/public" : root
        let problems = top.problems().map { $0.rendered(in: .en) }
        #expect(problems.count == 1)
        #expect(problems.first?.contains("root folder /") == true, "\(problems)")
    }

    /// `%` is a specifier in a systemd unit and a line break in a cron line: written so both read one `%`.
    @Test func aPercentSignInAPathStaysOnePercentSign() {
        var percent = DeployConfig(serverName: "_", projectDirectory: "/srv/50%off", siteRoot: "/srv/50%off/public",
                                   accessLog: "/var/log/nginx/access.log")
        percent.bantin = "/opt/%h/bantin"
        #expect(percent.problems().isEmpty)
        let service = percent.systemdService()
        #expect(service.contains("\nWorkingDirectory=/srv/50%%off\n"))
        #expect(service.contains("\nExecStart='/opt/%%h/bantin' build --quiet --no-wait\n"))
        #expect(service.contains("\nReadWritePaths=/srv/50%%off\n"))
        let cron = percent.cron().split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(cron == [#"*/5 * * * * bantin cd '/srv/50\%off' && '/opt/\%h/bantin' build --quiet --no-wait 2>&1 | logger -t bantin"#])
        // A sibling whose name starts like the project is not inside it.
        var sibling = config
        sibling.siteRoot = "/srv/bantin-www/public"
        #expect(sibling.systemdService().contains("\nReadWritePaths=/srv/bantin /srv/bantin-www\n"))
    }

    /// Run from another folder, the set-up names the project's folders (those `build` uses), and a site.yml
    /// `build` would refuse gives no set-up at all.
    @Test func theCommandResolvesFromTheProjectWhereverItRuns() throws {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let project = try TestProject(siteYAML: Fixtures.siteYAML + "\ncounter:\n  logs: [\"logs/access.log*\"]\n")
        defer { project.remove() }
        let root = project.folder.standardizedFileURL.path
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["deploy-config"] + arguments + ["--lang", "en", "--content", project.content.path]
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let (nginxStatus, nginx) = try run(["nginx"])
        #expect(nginxStatus == 0)
        #expect(nginx.contains("    root \(root)/public;\n"), "\(nginx)")
        #expect(nginx.contains("    access_log \(root)/logs/access.log combined;\n"))
        let (_, service) = try run(["systemd-service"])
        #expect(service.contains("\nWorkingDirectory=\(root)\n"))
        #expect(service.contains("\nReadWritePaths=\(root)\n"))
        #expect(service.contains("\nExecStart=/usr/local/bin/bantin build --quiet --no-wait\n"), "\(service)")
        let (_, cron) = try run(["cron"])
        #expect(cron.contains(" cd \(root) && /usr/local/bin/bantin build"))
        let (userStatus, user) = try run(["nginx", "--user", "bantin\nroot"])
        #expect(userStatus == 1)
        #expect(user.contains("--user"))

        try Fixtures.siteYAML.replacingOccurrences(of: "base_url: ", with: "base_url: khong-phai-url ")
            .writeReplacing(project.content.appendingPathComponent("site.yml"))
        let (status, text) = try run(["nginx"])
        #expect(status == 1)
        #expect(!text.contains("server_name"))
        #expect(text.contains("base_url"), "\(text)")
    }
}
