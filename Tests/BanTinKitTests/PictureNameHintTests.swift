import Foundation
import Testing
@testable import BanTinKit

/// A picture written by its file name alone, or with other capitals or accents, is told how to write it, in the
/// build's message and in `bantin check`'s alike.
@Suite(.serialized) struct PictureNameHintTests {
    static let names = ["hoi-nghi-le-dat.jpg", "2026/Hội nghị.JPG", "anh.jpg"]

    @Test(arguments: [("hoi-nghi-le-dat.jpg", "; tệp cùng tên có trong content/images/: hãy viết /images/hoi-nghi-le-dat.jpg"),
                      ("/tin/anh.jpg", "; tệp cùng tên có trong content/images/: hãy viết /images/anh.jpg"),
                      ("/images/Hoi-Nghi-Le-Dat.jpg", "; có phải là /images/hoi-nghi-le-dat.jpg?"),
                      ("/images/hoi nghi.jpg", "; có phải là /images/2026/Hội nghị.JPG?"),
                      ("/images/h%E1%BB%99i-ngh%E1%BB%8B-l%E1%BB%85-%C4%91%E1%BA%A5t.jpg", "; có phải là /images/hoi-nghi-le-dat.jpg?")])
    func aNameThatIsThereOrNearlyIsPointedTo(_ written: String, _ said: String) {
        #expect(PictureNameHint.hint(for: written, among: Self.names)?.rendered(in: .vi) == said)
    }

    @Test func aNameNothingComesCloseToGetsNoHint() {
        #expect(PictureNameHint.hint(for: "/images/khac.jpg", among: Self.names) == nil)
    }

    @Test func theBuildAndCheckGiveTheSameHint() throws {
        let images = ImageBuildTests()
        let project = try images.project(extra: "image: phone.jpg\nimage_alt: \"Ảnh\"", body: "![Ảnh](/images/Phone.jpg)")
        defer { project.remove() }
        var built: [Diagnostic] = []
        do { try Build.run(project.options) } catch let failure as BuildFailure { built = failure.diagnostics }
        let said = built.map { $0.rendered(in: .vi) }
        #expect(said.contains { $0.hasPrefix("content/articles/a.md:5: lỗi: ảnh \"/phone.jpg\" (content/phone.jpg)") && $0.hasSuffix("tệp ảnh không tồn tại; tệp cùng tên có trong content/images/: hãy viết /images/phone.jpg") }, "\(said)")
        #expect(said.contains { $0.hasSuffix("tệp ảnh không tồn tại; có phải là /images/phone.jpg?") }, "\(said)")
        #expect(built.map { $0.rendered(in: .en) }.contains { $0.hasSuffix("the image file does not exist; did you mean /images/phone.jpg?") })

        let loader = ContentLoader(contentDirectory: project.content)
        let loaded = loader.load()
        let checked = ContentCheck.run(.init(siteFile: loaded.siteFile, articleFiles: loaded.articleFiles, pageFiles: loaded.pageFiles,
                                             images: loader.imageSizes()), now: Fixtures.options.now)
            .map { $0.rendered(in: .vi) }
        #expect(checked.contains { $0.hasSuffix("không có tệp này trong content/images/; có phải là /images/phone.jpg?") }, "\(checked)")
    }
}
