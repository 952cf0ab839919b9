import BanTinServe
import Foundation
import Testing
@testable import BanTinKit

/// The last build's outcome reaches the editors: TRANG-THAI.txt in the project folder and `bantin status`.
@Suite struct BuildStatusTests {
    /// A small project: the fixture's site.yml, one article, the repository's templates.
    static func project() throws -> (folder: URL, article: URL) {
        let folder = try Fixtures.temporaryFolder()
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                         to: folder.appendingPathComponent("templates"))
        let article = content.appendingPathComponent("articles/tin.md")
        try "---\ntitle: Hội nghị tổng kết\ndate: 2026-11-25\ncategory: Các vấn đề chung\n---\nNội dung.\n".writeReplacing(article)
        return (folder, article)
    }

    /// Runs `bantin` in `folder` as the systemd timer does (its working directory, no terminal, no LANG=en).
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String, errors: String) {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": folder.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static let timerBuild = ["build", "--quiet", "--no-wait"]

    @Test func aTimedBuildsFailureIsWrittenWhereEditorsLookUntilItIsFixed() throws {
        let (folder, article) = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("TRANG-THAI.txt")

        #expect(try Self.run(Self.timerBuild, in: folder).status == 0)
        let good = try String(contentsOf: text, encoding: .utf8)
        #expect(good.hasPrefix("bantin: lần dựng gần nhất, lúc "))
        #expect(good.contains("đã thành công; cổng thông tin (public/) đang hiện bản dựng này"))
        let home = try Data(contentsOf: folder.appendingPathComponent("public/index.html"))

        // An editor's mistake; two timer ticks fail.
        try "---\ntitle: Hội nghị: tổng kết\ndate: 2026-11-25\ncategory: Các vấn đề chung\n---\nNội dung.\n".writeReplacing(article)
        #expect(try Self.run(Self.timerBuild, in: folder).status == 1)
        let first = try #require(BuildStatus.load(project: folder))
        #expect(try Self.run(Self.timerBuild, in: folder).status == 1)
        let second = try #require(BuildStatus.load(project: folder))
        #expect(second.failuresInARow == 2)
        #expect(second.failingSince == first.failingSince, "since the first failure, not the latest")
        #expect(second.lastSuccess != nil)

        let failed = try String(contentsOf: text, encoding: .utf8)
        let lines = failed.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("bantin: CHƯA DỰNG ĐƯỢC cổng thông tin: lần dựng lúc "))
        #expect(lines[0].hasSuffix("(2 lần)"))
        #expect(lines[1].hasPrefix("Cổng thông tin (public/) vẫn hiện bản dựng tốt gần nhất, lúc "))
        #expect(lines.contains { $0.hasPrefix("content/articles/tin.md:2: lỗi: tiêu đề có dấu hai chấm") })
        #expect(try Data(contentsOf: folder.appendingPathComponent("public/index.html")) == home, "the portal still shows the good build")

        // `bantin status` says the same, and fails while the builds do.
        let asked = try Self.run(["status"], in: folder)
        #expect(asked.status == 1)
        #expect(asked.output == failed)
        let english = try Self.run(["status", "--lang", "en"], in: folder)
        #expect(english.output.hasPrefix("bantin: THE PORTAL IS NOT BEING UPDATED: the build at "))
        #expect(english.output.contains("(2 builds in a row)"))
        #expect(english.output.contains("content/articles/tin.md:2: error: the title contains a colon"))

        // Fixed: the next tick succeeds and says so.
        try "---\ntitle: 'Hội nghị: tổng kết'\ndate: 2026-11-25\ncategory: Các vấn đề chung\n---\nNội dung.\n".writeReplacing(article)
        #expect(try Self.run(Self.timerBuild, in: folder).status == 0)
        #expect(try String(contentsOf: text, encoding: .utf8).hasPrefix("bantin: lần dựng gần nhất, lúc "))
        #expect(try Self.run(["status"], in: folder).status == 0)
        #expect(BuildStatus.load(project: folder)?.failuresInARow == 0)
    }

    @Test func aFailureBeforeAnyGoodBuildDoesNotClaimThePortalShowsOne() {
        let status = BuildStatus.after(nil, succeeded: false, problems: [.error("content/site.yml", line: 3, Message("site.missing"))],
                                       output: "public", now: Date(timeIntervalSince1970: 1_795_000_000))
        let text = status.text(in: .vi, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        #expect(text.hasPrefix("bantin: CHƯA DỰNG ĐƯỢC cổng thông tin: lần dựng lúc 18:06 ngày 18/11/2026 bị lỗi\n"))
        #expect(text.contains("Chưa có lần dựng nào thành công: thư mục public/ chưa có gì để đăng."))
        #expect(!text.contains("vẫn hiện"))
        #expect(text.contains("content/site.yml:3: lỗi: "))
    }

    @Test func buildInAFolderWithoutASiteSaysWhereToRunItAndWritesNothing() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.run(["build"], in: folder)
        #expect(result.status == 1)
        #expect(result.errors == "không thấy tệp content/site.yml: hãy chạy bantin build trong thư mục của cổng thông tin (thư mục có content/ và templates/), hoặc thêm --content\n")
        #expect(!result.errors.contains("giữ nguyên"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        for command in ["check", "serve"] {
            let other = try Self.run([command], in: folder)
            #expect(other.status == 1)
            #expect(other.errors.hasPrefix("không thấy tệp content/site.yml: hãy chạy bantin \(command) trong thư mục của cổng thông tin"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFirstBuildThatFailsDoesNotSayPublicWasKept() throws {
        let (folder, article) = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "---\ntitle: Tin\ndate: 25/11/2026\ncategory: Các vấn đề chung\n---\n".writeReplacing(article)
        let result = try Self.run(["build"], in: folder)
        #expect(result.status == 1)
        #expect(result.errors.hasSuffix("chưa dựng được cổng thông tin: 1 lỗi; chưa có thư mục public/ nào được ghi\n"))
        let english = try Self.run(["build", "--lang", "en"], in: folder)
        #expect(english.errors.hasSuffix("build failed: 1 error; no public/ folder was written\n"))
    }

    @Test func commandLineMistakesAreToldInVietnamese() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Self.run(["new", "Tin mới"], in: folder)
        #expect(missing.status != 0)
        // --category is optional to the parser since `new --document` (a document has no category): bantin says it.
        #expect(missing.errors.hasPrefix("bantin new: lỗi: hãy cho biết chuyên mục của bài viết: --category"), "\(missing.errors)")
        #expect(!missing.errors.contains("Missing expected argument"))
        #expect(!missing.errors.contains("Usage:"))
        let unknown = try Self.run(["build", "--ful"], in: folder)
        #expect(unknown.errors.hasPrefix("bantin không biết tùy chọn --ful"))
        let english = try Self.run(["new", "Tin mới", "--lang", "en"], in: folder)
        #expect(english.errors.hasPrefix("bantin new: error: give the article's category: --category"), "\(english.errors)")
    }

    @Test func theParsersOtherSentencesAreTranslatedOrKept() {
        let text = "Error: The value 'x' is invalid for '--port <port>'\nUsage: bantin serve [--port <port>]\n  See 'bantin serve --help' for more information."
        #expect(ArgumentWords.translated(text, in: .vi) == "giá trị \"x\" không dùng được cho --port <port>\nCách dùng: bantin serve [--port <port>]\n  Xem thêm: bantin serve --help")
        #expect(ArgumentWords.translated("something else", in: .vi) == "something else")
    }
}

/// A second `bantin serve` on a port already taken.
@Suite struct ServePortTests {
    @Test func aBusyPortIsSaidInVietnameseWithHowToChooseAnother() throws {
        let (folder, _) = try BuildStatusTests.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Hold a port as a first preview would.
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && listen(holder, 1) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let result = try BuildStatusTests.run(["serve", "--port", "\(port)"], in: folder)
        #expect(result.status == 1)
        #expect(result.errors.contains("cổng \(port) đang bận: có thể một bản xem trước khác đang chạy (hãy mở http://127.0.0.1:\(port)/"))
        #expect(result.errors.contains("bantin serve --port \(port + 1)"))
        #expect(!result.errors.contains("Address already in use"))
    }
}

/// The preview's pages carry the published builds' failure, where editors look most.
@Suite struct PreviewStatusBannerTests {
    @Test(.timeLimit(.minutes(2)))
    func whileTheTimedBuildsFailEveryPreviewPageSaysSo() async throws {
        let (folder, _) = try BuildStatusTests.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let failed = BuildStatus.after(BuildStatus.after(nil, succeeded: true, output: "public", now: Date(timeIntervalSince1970: 1_795_000_000)),
                                       succeeded: false, problems: [.error("content/articles/tin.md", line: 2, Message("yaml.what.title"))],
                                       output: "public", now: Date(timeIntervalSince1970: 1_795_000_300))
        failed.save(project: folder, language: .vi, timeZone: zone)

        var options = DevServer.Options(build: Build.Options(contentDirectory: folder.appendingPathComponent("content"),
                                                             templatesDirectory: folder.appendingPathComponent("templates"),
                                                             outputDirectory: folder.appendingPathComponent(".bantin/serve")))
        options.port = 0
        options.log = { _ in }
        let (port, server) = try await DevServerTests.start(options)
        defer { server.cancel() }

        let page = try await HTTPProbe.get(port: port, path: "/")
        #expect(page.status == 200)
        #expect(page.body.contains("<div role=\"alert\" id=\"bantin-trang-thai\""))
        #expect(page.body.contains("<strong>bantin: CHƯA DỰNG ĐƯỢC cổng thông tin: lần dựng lúc 18:11 ngày 18/11/2026 bị lỗi"))
        #expect(page.body.contains("vẫn hiện bản dựng tốt gần nhất, lúc 18:06 ngày 18/11/2026"))
        #expect(page.body.contains("<code>content/articles/tin.md:2: lỗi: tiêu đề</code>"))

        BuildStatus.after(failed, succeeded: true, output: "public", now: Date(timeIntervalSince1970: 1_795_000_600))
            .save(project: folder, language: .vi, timeZone: zone)
        #expect(!(try await HTTPProbe.get(port: port, path: "/").body.contains("bantin-trang-thai")))
    }
}
