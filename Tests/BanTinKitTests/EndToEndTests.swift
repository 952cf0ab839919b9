import Foundation
import Testing
@testable import BanTinKit

/// Builds the repository's own sample portal (content/ + templates/) into a temporary folder.
@Suite(.serialized) struct EndToEndTests {
    static let seedSlug = "ke-hoach-thuc-hien-cong-tac-dan-van-va-phat-dong-phong-trao-thi-dua-dan-van-kheo-nam-2018"

    func options(output: URL, content: URL? = nil) -> Build.Options {
        Build.Options(contentDirectory: content ?? Fixtures.repositoryRoot.appendingPathComponent("content"),
                      templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                      outputDirectory: output)
    }

    func read(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func samplePortalBuildsWithEveryPartOfTheSeedPage() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        let report = try Build.run(options(output: output))
        #expect(report.articles >= 15)

        let page = try read(output, "tin/\(Self.seedSlug)/index.html")
        for part in ["Chuyên mục", "Các vấn đề chung", "Dân vận khéo", "H. Nhi", "(nguồn <span class=\"article-source\"><a href=\"/van-ban/03-kh-dus/\">Kế hoạch số 03-KH/ĐUS</a></span>)",
                     "Quay lại", "In bài viết", "Các tin liên quan", "Tin mới đăng", "Liên kết website",
                     "Hình hoạt động", "Thông tin truy cập", "Đang xem", "Tất cả", "href=\"/tin/\(Self.seedSlug)/in.html\"",
                     "Theo kế hoạch, hàng năm Đảng ủy Sở sẽ tổ chức hội nghị sơ kết năm"] {
            #expect(page.contains(part), "article page lacks \(part)")
        }
        #expect(page.contains("Thứ "))
        #expect(page.contains("class=\"sidebar\""))

        let print = try read(output, "tin/\(Self.seedSlug)/in.html")
        #expect(print.contains("Theo kế hoạch, hàng năm Đảng ủy Sở"))
        #expect(print.contains("window.print()"))
        #expect(print.contains("https://sldtbxh.vinhlong.gov.vn/tin/\(Self.seedSlug)/"))
        #expect(!print.contains("sidebar"))
        #expect(!print.contains("Tin mới đăng"))

        let categories = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("chuyen-muc").path)
        let paged = categories.filter { FileManager.default.fileExists(atPath: output.appendingPathComponent("chuyen-muc/\($0)/trang/2/index.html").path) }
        #expect(!paged.isEmpty, "some category should have a page 2")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("404.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/style.css").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("gioi-thieu/index.html").path))
        let home = try read(output, "index.html")
        #expect(home.contains("/tin/\(Self.seedSlug)/") || home.contains("Các vấn đề chung"))
    }

    @Test func brokenArticleLeavesThePreviousOutputUntouched() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("content"), to: content)
        let output = folder.appendingPathComponent("public")
        try Build.run(options(output: output, content: content))
        let before = try snapshot(output)

        try "---\ntitle: Hỏng\ndate: 2026-13-45\ncategory: Không có\n---\n".writeReplacing(content.appendingPathComponent("articles/hong.md"))
        #expect(throws: BuildFailure.self) { try Build.run(options(output: output, content: content)) }
        #expect(try snapshot(output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        // No staging folder left; the output's lock file stays (never removed: see BuildLock), and the image cache
        // beside content/ (.bantin/images/).
        #expect(leftovers == [".bantin", ".public.lock", "content", "public"])
    }

    @Test func killedSwapIsRecoveredByTheNextBuild() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        try Build.run(options(output: output))
        let before = try snapshot(output)
        // A build killed between the two renames leaves only the previous site, under its side name.
        let writer = OutputWriter(output: output)
        try FileManager.default.moveItem(at: output, to: writer.previous)
        try FileManager.default.createDirectory(at: writer.staging, withIntermediateDirectories: true)
        try writer.recover()
        #expect(try snapshot(output) == before)
        #expect(!FileManager.default.fileExists(atPath: writer.staging.path))
    }

    /// Every file's path and bytes.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                files[url.path.replacingOccurrences(of: folder.path, with: "")] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
