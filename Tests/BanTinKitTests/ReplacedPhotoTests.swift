import Foundation
import Testing
@testable import BanTinKit

/// A photo replaced by another of the same size, with its old modification time and in the same inode, is
/// published as the new picture: the image cache hashes when in doubt, as the build cache does.
@Suite(.serialized) struct ReplacedPhotoTests {
    typealias Project = TestProject
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/BanTinImagesTests/Fixtures")

    /// The `/images/…` names a page gives (they carry a hash of the picture).
    func pictureNames(_ output: URL) throws -> Set<String> {
        let page = try String(contentsOf: output.appendingPathComponent("tin/tin-co-anh/index.html"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"/images/[^" ,]+"#)
        return Set(pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { String(page[Range($0.range, in: page)!]) })
    }

    /// Overwrites `file` in place (same inode) with `bytes`, then sets its modification time back to `time`.
    func overwrite(_ file: URL, with bytes: Data, keeping time: timespec) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
        var times = [timespec(tv_sec: time.tv_sec, tv_nsec: time.tv_nsec), timespec(tv_sec: time.tv_sec, tv_nsec: time.tv_nsec)]
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
    }

    @Test(arguments: [false, true])
    func aPhotoReplacedWithTheSameSizeTimeAndInodeIsPublishedAsTheNewPicture(_ full: Bool) throws {
        let project = try Project(articles: 0, siteYAML: Fixtures.siteYAML + "\nimages:\n  widths: [40, 60]\n")
        defer { project.remove() }
        // Two different JPEGs made the same length: bytes after a JPEG's end marker are not read.
        var first = try Data(contentsOf: Self.fixtures.appendingPathComponent("gradient-1000.jpg"))
        var second = try Data(contentsOf: Self.fixtures.appendingPathComponent("icc-srgb.jpg"))
        let length = max(first.count, second.count)
        first += Data(count: length - first.count)
        second += Data(count: length - second.count)
        let photo = project.content.appendingPathComponent("images/anh.jpg")
        try FileManager.default.createDirectory(at: photo.deletingLastPathComponent(), withIntermediateDirectories: true)
        try first.write(to: photo)
        let hourAgo = timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)
        var times = [hourAgo, hourAgo]
        #expect(utimensat(AT_FDCWD, photo.path, &times, 0) == 0)
        try project.write(Fixtures.article("a", title: "Tin có ảnh", extra: "image: /images/anh.jpg\nimage_alt: \"Ảnh\"").text,
                          to: "content/articles/a.md")
        try Build.run(project.options)
        let before = try pictureNames(project.output)
        var status = stat()
        #expect(stat(photo.path, &status) == 0)
        let inode = status.st_ino

        try overwrite(photo, with: second, keeping: hourAgo)
        #expect(stat(photo.path, &status) == 0)
        #expect(status.st_ino == inode && Int(status.st_size) == length && status.st_mtim.tv_sec == hourAgo.tv_sec)
        var options = project.options
        options.fullRebuild = full
        if full { options.outputDirectory = project.folder.appendingPathComponent("fresh") }
        try Build.run(options)
        let after = try pictureNames(options.outputDirectory)
        #expect(!after.isEmpty)
        #expect(after.isDisjoint(with: before), "the old picture is still published: \(after)")
    }
}
