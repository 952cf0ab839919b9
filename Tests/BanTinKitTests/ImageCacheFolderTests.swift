import Foundation
import Testing
@testable import BanTinKit

/// An image cache folder that cannot be written is one error about the folder, not one per photo and article.
@Suite(.serialized) struct ImageCacheFolderTests {
    typealias Project = TestProject
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/BanTinImagesTests/Fixtures")

    /// A file where the folder (or its parent) should be: unwritable for root too, which the tests may run as.
    @Test(arguments: [".bantin/images", ".bantin"])
    func anUnwritableCacheIsOneErrorAboutTheFolder(_ blocker: String) throws {
        let project = try Project(articles: 0, siteYAML: Fixtures.siteYAML + "\nimages:\n  widths: [40]\n")
        defer { project.remove() }
        let images = project.content.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        for index in 0..<3 {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("gradient-1000.jpg"),
                                             to: images.appendingPathComponent("anh-\(index).jpg"))
            try project.write(Fixtures.article("a\(index)", title: "Tin \(index)", extra: "image: /images/anh-\(index).jpg").text,
                              to: "content/articles/a\(index).md")
        }
        try project.write("not a folder", to: blocker)
        let errors = project.failure()
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix(project.folder.appendingPathComponent(".bantin/images").path + "/") == true
                || errors.first?.hasPrefix(".bantin/images/") == true, "\(errors)")
        #expect(errors.first?.contains("the image cache folder cannot be written") == true, "\(errors)")
    }
}
