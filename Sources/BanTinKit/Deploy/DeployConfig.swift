import Foundation

/// The live server's set-up, printed by `bantin deploy-config` and explained in docs/DEPLOY.md: the nginx server
/// block that serves `public/`, the systemd service and timer that rebuild it every few minutes, and the cron line
/// for machines without systemd. Pure text from values, so tests and `scripts/check-deploy.sh` read the same thing.
public struct DeployConfig: Sendable {
    /// nginx `server_name`: the host of site.yml's `base_url`.
    public var serverName: String
    /// nginx `listen` lines.
    public var listen = ["80", "[::]:80"]
    /// The project folder (holding content/ and templates/): the build's working directory.
    public var projectDirectory: String
    /// The published folder nginx serves, absolute.
    public var siteRoot: String
    /// Where nginx writes the access log the visit counter reads.
    public var accessLog: String
    /// The bantin executable the timer starts.
    public var bantin = "/usr/local/bin/bantin"
    /// The unprivileged user that builds; it reads the logs through the `adm` group.
    public var user = "bantin"
    /// Minutes between timer builds.
    public var minutes = 5
    /// `--content`, `--templates`, `--output` when they are not the defaults.
    public var buildArguments: [String] = []

    public init(serverName: String, projectDirectory: String, siteRoot: String, accessLog: String) {
        self.serverName = serverName
        self.projectDirectory = projectDirectory
        self.siteRoot = siteRoot
        self.accessLog = accessLog
    }

    /// The log nginx should write, from site.yml's `counter.logs`: the first pattern up to its first wildcard
    /// (`/var/log/nginx/access.log*` → `/var/log/nginx/access.log`), made absolute against the project. Nil when
    /// no file name comes before the wildcard (`/var/log/nginx/*.log`).
    public static func accessLog(counterLogs: [String], projectDirectory: String) -> String? {
        guard let pattern = counterLogs.first else { return nil }
        var name = pattern.prefix { !"*?[]{}".contains($0) }
        while name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, !name.hasSuffix("/") else { return nil }
        return name.hasPrefix("/") ? String(name) : (projectDirectory as NSString).appendingPathComponent(String(name))
    }

    /// Every value that would not stay one value where it is printed, each with why: a line break or `;` in
    /// `--user`, `--server-name` or `--listen` would add lines of its own to the configuration, a `$` in a path
    /// would be an nginx variable, and a project at `/` would make the whole system writable to the service.
    /// Empty: the configuration says what was asked.
    public func problems() -> [Message] {
        var problems: [Message] = []
        func refuse(_ option: String, _ value: String, _ rule: String) {
            problems.append(Message("deploy.badValue", ["option": .text(option), "value": .text(Diagnostic.escaped(value)),
                                                        "rule": .message(Message(rule))]))
        }
        let names = serverName.split(separator: " ", omittingEmptySubsequences: false)
        if names.isEmpty || names.contains(where: { $0.isEmpty || !$0.allSatisfy { Self.isASCIILetterOrDigit($0) || ".-_*".contains($0) } }) {
            refuse("--server-name", serverName, "deploy.rule.serverName")
        }
        for address in listen where address.isEmpty || !address.allSatisfy({ Self.isASCIILetterOrDigit($0) || ".:[]_=- ".contains($0) })
            || address.hasPrefix(" ") || address.hasSuffix(" ") {
            refuse("--listen", address, "deploy.rule.listen")
        }
        if user.isEmpty || user.count > 32 || user.hasPrefix("-")
            || !user.allSatisfy({ Self.isASCIILetterOrDigit($0) || "_.-".contains($0) }) {
            refuse("--user", user, "deploy.rule.user")
        }
        for (option, path) in [("--content", projectDirectory), ("--output", siteRoot), ("--access-log", accessLog), ("--bantin", bantin)] {
            if !path.hasPrefix("/") || path.contains(where: { $0.isNewline || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } || "\"'\\".contains($0) }) {
                refuse(option, path, "deploy.rule.path")
            } else if path.contains("$") {
                refuse(option, path, "deploy.rule.dollar")
            }
        }
        for argument in buildArguments where argument.contains(where: { $0.isNewline || "\"'\\$".contains($0) }) {
            refuse("--content/--templates/--output", argument, "deploy.rule.path")
        }
        if writablePaths.contains("/") || writablePaths.contains("\"/\"") {
            problems.append(Message("deploy.rootWritable", ["folder": .text(projectDirectory)]))
        }
        return problems
    }

    private static func isASCIILetterOrDigit(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// A value in a systemd unit: `%` starts a specifier (`%h`, `%u`) there, `%%` is one `%`.
    static func systemdValue(_ value: String) -> String {
        value.replacingOccurrences(of: "%", with: "%%")
    }

    /// The server block, for /etc/nginx/sites-available/.
    public func nginx() -> String {
        let root = siteRoot.hasSuffix("/") ? String(siteRoot.dropLast()) : siteRoot
        return """
        # bantin: the portal's server block (printed by `bantin deploy-config nginx`; docs/DEPLOY.md).
        # Put it in /etc/nginx/sites-available/bantin, link it from sites-enabled/, then: nginx -t && systemctl reload nginx
        server {
        \(listen.map { "    listen \($0);" }.joined(separator: "\n"))
            server_name \(serverName);
            root \(Self.nginxWord(root));
            index index.html;
            charset utf-8;
            server_tokens off;

            # The visit counter reads this log (site.yml counter.logs); Debian's logrotate rotates it daily and the
            # counter follows the rotation.
            access_log \(Self.nginxWord(accessLog)) combined;

            # Addresses of the old portal → their new pages (301); every build rewrites this file.
            include \(Self.nginxWord(root + "/nginx-redirects.conf"));

            error_page 404 /404.html;

            gzip on;
            gzip_vary on;
            gzip_comp_level 5;
            gzip_min_length 256;
            gzip_types text/css application/javascript text/javascript application/json application/xml
                       application/rss+xml application/atom+xml application/manifest+json image/svg+xml text/plain;

            # Pages, feeds, the search index, style sheet and scripts: short lifetimes, so a timer build shows
            # within minutes.
            location / {
                try_files $uri $uri/ =404;
                add_header Cache-Control "public, max-age=120";
            }
            location /assets/ {
                add_header Cache-Control "public, max-age=600";
            }
            # The visit counter's figures change at every timer build.
            location = /thong-ke/so-lieu.json {
                add_header Cache-Control "public, max-age=60";
            }
            location = /thong-ke/luot-xem.json {
                add_header Cache-Control "public, max-age=60";
            }
            # A drawing opened at its own address runs as a page: no script, form or outside resource in it, whatever
            # it holds (bantin refuses such SVGs; this is the second lock).
            location ~* "\\.svgz?$" {
                add_header Content-Security-Policy "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox" always;
                add_header X-Content-Type-Options nosniff always;
                add_header Cache-Control "public, max-age=600";
            }
            # Resized photos carry a hash of their content in the name (name.960.3fa9c1d2.webp): a changed photo gets
            # a new name, so these are cached for a year.
            location ~ "^/images/.+\\.[0-9a-f]{8}\\.(webp|avif|jpg|png)$" {
                add_header Cache-Control "public, max-age=31536000, immutable";
            }
        }

        """
    }

    /// The build the timer starts: `--no-wait` so a run that finds an editor's build still going stops at once
    /// (exit status 75) instead of queueing behind it.
    var buildCommand: String {
        ([bantin, "build", "--quiet", "--no-wait"] + buildArguments).map(Self.shellWord).joined(separator: " ")
    }

    /// /etc/systemd/system/bantin.service
    public func systemdService() -> String {
        """
        # bantin: one build of the portal (printed by `bantin deploy-config systemd-service`; docs/DEPLOY.md).
        # /etc/systemd/system/bantin.service, started by bantin.timer.
        [Unit]
        Description=bantin: rebuild the portal (new and scheduled articles, visit counter)

        [Service]
        Type=oneshot
        User=\(user)
        Group=\(user)
        # Reads nginx's access logs (owned by www-data:adm, mode 640).
        SupplementaryGroups=adm
        WorkingDirectory=\(Self.systemdValue(projectDirectory))
        ExecStart=\(Self.systemdValue(buildCommand))
        # 75: another build (an editor's, by hand) holds the output; the next tick builds.
        SuccessExitStatus=75
        Nice=10
        IOSchedulingClass=idle
        NoNewPrivileges=yes
        ProtectSystem=strict
        ProtectHome=yes
        PrivateTmp=yes
        ReadWritePaths=\(Self.systemdValue(writablePaths.joined(separator: " ")))

        """
    }

    /// The project, and the folder holding the output when it lies elsewhere (the build writes its lock and the
    /// next site beside the output).
    var writablePaths: [String] {
        let outputParent = (siteRoot as NSString).deletingLastPathComponent
        let inside = outputParent == projectDirectory || outputParent.hasPrefix(projectDirectory.hasSuffix("/") ? projectDirectory : projectDirectory + "/")
        let paths = inside ? [projectDirectory] : [projectDirectory, outputParent]
        return paths.map { $0.contains(" ") ? "\"\($0)\"" : $0 }
    }

    /// /etc/systemd/system/bantin.timer
    public func systemdTimer() -> String {
        """
        # bantin: rebuild every \(minutes) minutes (printed by `bantin deploy-config systemd-timer`; docs/DEPLOY.md).
        # /etc/systemd/system/bantin.timer; enable with: systemctl enable --now bantin.timer
        [Unit]
        Description=bantin: rebuild the portal every \(minutes) minutes

        [Timer]
        OnCalendar=*:0/\(minutes)
        # A tick missed while the machine was off runs at boot.
        Persistent=true
        AccuracySec=15s

        [Install]
        WantedBy=timers.target

        """
    }

    /// /etc/cron.d/bantin, for machines without systemd.
    public func cron() -> String {
        """
        # bantin: rebuild every \(minutes) minutes (printed by `bantin deploy-config cron`; docs/DEPLOY.md).
        # /etc/cron.d/bantin; the user must be in the adm group to read nginx's logs (adduser \(user) adm).
        */\(minutes) * * * * \(user) \(Self.cronCommand("cd " + Self.shellWord(projectDirectory) + " && " + buildCommand))

        """
    }

    /// The command of a cron line: cron turns an unescaped `%` into a line break, `\%` is one `%`.
    static func cronCommand(_ command: String) -> String {
        command.replacingOccurrences(of: "%", with: "\\%") + " 2>&1 | logger -t bantin"
    }

    /// A word as nginx reads it: quoted when it has spaces or characters nginx gives a meaning.
    static func nginxWord(_ word: String) -> String {
        let plain = !word.contains(where: { " \t;{}\"'#$\\".contains($0) })
        return plain ? word : "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A word as the shell reads it: quoted only when it has to be.
    static func shellWord(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-=:+,".contains($0)) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
