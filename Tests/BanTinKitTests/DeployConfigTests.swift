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
}
