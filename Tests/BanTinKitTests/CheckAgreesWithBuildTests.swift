import Foundation
import Testing
@testable import BanTinKit

/// `bantin check` runs the build's own stages: every error a build stops on, check reports too, in the same
/// words at the same line (editors trust check before a timer build picks their files up).
@Suite struct CheckAgreesWithBuildTests {
    typealias Project = TestProject

    /// One broken input each: the file written, at its path in the project.
    static let cases: [(name: String, path: String, text: String)] = [
        ("a date that is not a date", "content/articles/x.md", article(extra: "date: 31/02/2026")),
        ("an unknown category", "content/articles/x.md", article(category: "Không có")),
        ("a bad date and an unknown category", "content/articles/x.md", article(category: "Không có", extra: "date: hôm qua")),
        ("a photo named by its file name alone", "content/articles/x.md", article(extra: "image: hoi-nghi-le-dat.jpg")),
        ("a photo that does not exist", "content/articles/x.md", article(extra: "image: /images/khong-co.jpg")),
        ("a body picture that does not exist", "content/articles/x.md", article(body: "Mở đầu.\n\n![Quang cảnh](anh.jpg)\n")),
        ("a picture that is not one", "content/images/hong.jpg", "không phải ảnh"),
        ("a YAML mistake", "content/articles/x.md", "---\ntitle: Hội nghị: tổng kết\ndate: 2026-11-20\n---\nNội dung.\n"),
        ("a slug taken twice", "content/articles/y.md", article(title: "Tin số 1")),
        ("a page on a reserved address", "content/pages/tin.md", "---\ntitle: Tin\nslug: tin\n---\nNội dung.\n"),
        ("an album photo that does not exist", "content/albums/hoi-thao/album.yml",
         "title: Hội thao\ndate: 2026-04-20\nphotos:\n  - file: khong-co.jpg\n"),
        ("a template that does not parse", "templates/404.mustache", "{{#open}}<h1>404</h1>"),
        ("site.yml without a base address", "content/site.yml", "title: \"Sở\"\ncategories:\n  - name: \"Các vấn đề chung\"\n"),
        ("a draft with a photo that does not exist", "content/articles/x.md", article(extra: "draft: true\nimage: /images/khong-co.jpg")),
    ]

    static func article(title: String = "Tin mới", category: String = "Các vấn đề chung", extra: String = "",
                        body: String = "Nội dung.") -> String {
        var lines = ["---", "title: \"\(title)\"", "category: \"\(category)\""]
        if !extra.contains("date:") { lines.append("date: 2026-11-20") }
        if !extra.isEmpty { lines.append(extra) }
        return (lines + ["---", body]).joined(separator: "\n") + "\n"
    }

    @Test(arguments: cases.indices)
    func checkReportsEveryErrorTheBuildStopsOn(_ index: Int) throws {
        let broken = Self.cases[index]
        let project = try Project()
        defer { project.remove() }
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                         to: project.folder.appendingPathComponent("templates"))
        if broken.path == "content/images/hong.jpg" {
            try project.write(Self.article(extra: "image: /images/hong.jpg"), to: "content/articles/x.md")
        }
        try project.write(broken.text, to: broken.path)
        var options = project.options
        options.templatesDirectory = project.folder.appendingPathComponent("templates")
        let checked = Build.check(options).problems.filter { $0.severity == .error }.map(\.description)
        #expect(!FileManager.default.fileExists(atPath: project.output.path), "check writes no site")
        let built: [String]
        do {
            try Build.run(options)
            built = []
        } catch let failure as BuildFailure {
            built = failure.errors.map(\.description)
        }
        if broken.name.hasPrefix("a draft") {
            #expect(built.isEmpty && !checked.isEmpty, "a draft is checked as if published: \(checked)")
        } else {
            #expect(!built.isEmpty, "\(broken.name): the build should fail")
        }
        for error in built { #expect(checked.contains(error), "\(broken.name): check misses \(error); it says \(checked)") }
    }
}
