import CVips
import Foundation
import Testing
@testable import BanTinImages

@Suite struct ImageOutputTests {
    let workspace = ImageWorkspace()

    static func smallWidths(_ widths: [Int]) -> ImageSettings {
        var settings = ImageSettings()
        settings.widths = widths
        return settings
    }

    @Test func aPhotoTaggedOrientationSixComesOutPortraitWithItsPixelsTurned() throws {
        // Stored 120×80 with a red top-left quarter; orientation 6 shows it turned a quarter clockwise.
        let image = try workspace.processOne("orientation-6-gps.jpg", Self.smallWidths([40, 80]))
        #expect(image.width == 80)
        #expect(image.height == 120)
        #expect(image.variants(for: .webp).map { "\($0.width)x\($0.height)" } == ["40x60", "80x120"])
        #expect(image.variants(for: .jpeg).isEmpty, "beside WebP, one JPEG only")
        #expect(image.fallback.width == 80 && image.fallback.format == .jpeg)
        let full = try #require(Decoded(image.fallback.bytes))
        #expect(full.width == 80 && full.height == 120)
        let topRight = full.pixel(70, 10), topLeft = full.pixel(10, 10)
        #expect(topRight[0] > 150 && topRight[2] < 100, "red quarter turned to the top right: \(topRight)")
        #expect(topLeft[2] > 150 && topLeft[0] < 100, "top left is blue: \(topLeft)")
    }

    @Test func noOutputCarriesEXIFGPSXMPIPTCOrAnICCProfile() throws {
        var settings = Self.smallWidths([40, 80])
        settings.publishOriginal = true
        settings.ogWidth = 200
        let photo = try workspace.processOne("orientation-6-gps.jpg", settings)
        let gradient = try workspace.processOne("gradient-1000.jpg", settings)
        let transparent = try workspace.processOne("transparent.png", settings)
        let profiled = try workspace.processOne("icc-srgb.jpg", settings)
        let files = photo.allFiles + gradient.allFiles + transparent.allFiles + profiled.allFiles
        #expect(Set(files.map(\.format)) == [.webp, .jpeg, .png])
        #expect(photo.ogImage != nil && photo.original != nil && transparent.ogImage != nil)
        for file in files {
            #expect(MetadataBlocks.of(file).isEmpty, "\(file.fileName): \(MetadataBlocks.of(file))")
            let decoded = try #require(Decoded(file.bytes), "\(file.fileName) decodes")
            #expect(decoded.privateFields.isEmpty, "\(file.fileName): \(decoded.privateFields)")
        }
    }

    @Test func widthsFollowTheSettingsAndNeverExceedTheOriginal() throws {
        let image = try workspace.processOne("gradient-1000.jpg")
        #expect(image.width == 1000 && image.height == 750)
        // 1000 px is narrower than 1920: its own width replaces the larger ones.
        #expect(image.variants(for: .webp).map(\.width) == [320, 640, 960, 1000])
        #expect(image.variants(for: .webp).map(\.height) == [240, 480, 720, 750])
        #expect(image.ogImage?.width == 1000 && image.ogImage?.format == .jpeg)
        #expect(image.fallback.width == 1000 && image.fallback.format == .jpeg)
        for variant in image.allFiles {
            let decoded = try #require(Decoded(variant.bytes))
            #expect(decoded.width == variant.width && decoded.height == variant.height)
            #expect(variant.byteCount == variant.bytes.count)
        }
        let narrow = try workspace.processOne("gradient-1000.jpg", Self.smallWidths([200, 400]))
        #expect(narrow.variants(for: .webp).map(\.width) == [200, 400])
    }

    @Test func besideWebPAPhotoGetsOneJPEGAtOgWidthThatIsAlsoItsOgImage() throws {
        var settings = Self.smallWidths([20, 40, 80])
        settings.ogWidth = 60
        let pipeline = workspace.pipeline(settings)
        let image = try pipeline.process(ImageWorkspace.source("orientation-6-gps.jpg")).get()
        #expect(image.variants.map { "\($0.format.rawValue) \($0.width)" } == ["webp 20", "webp 40", "webp 80"])
        let fallback = try #require(image.fallbackFile)
        #expect(fallback.format == .jpeg && fallback.width == 60 && fallback.height == 90)
        #expect(image.ogImage?.fileName == fallback.fileName, "the og:image is the fallback file itself")
        #expect(image.fallback.fileName == fallback.fileName)
        #expect(image.files.count == 4 && pipeline.encodeCount == 4, "3 WebP and 1 JPEG: \(image.files.map(\.fileName))")
        let decoded = try #require(Decoded(fallback.bytes))
        #expect(decoded.width == 60 && decoded.height == 90)
    }

    @Test func withoutAModernFormatTheFallbackIsWrittenAtEveryWidth() throws {
        var settings = Self.smallWidths([40, 80])
        settings.formats = []
        let image = try workspace.processOne("orientation-6-gps.jpg", settings)
        #expect(image.variants.map { "\($0.format.rawValue) \($0.width)" } == ["jpeg 40", "jpeg 80"])
        #expect(image.fallbackFile == nil && image.fallback.width == 80)
        #expect(image.srcset(for: .jpeg).hasSuffix(".jpg 80w"))
        #expect(image.ogImage?.fileName == image.fallback.fileName)
    }

    @Test func fileNamesCarryStemWidthAndTheHashOfTheirBytes() throws {
        let image = try workspace.processOne("gradient-1000.jpg")
        let webp = image.variants(for: .webp)[2]
        let hash = Vips.sha256(webp.bytes)
        #expect(webp.fileName == "gradient-1000.960.\(hash.prefix(8)).webp")
        #expect(image.srcset(for: .webp, urlPrefix: "/images/").hasPrefix("/images/gradient-1000.320."))
        #expect(image.srcset(for: .webp).hasSuffix(".webp 1000w"))
        #expect(image.formats == [.webp, .jpeg])
    }

    @Test func avifIsWrittenWhenAskedForAndCarriesNoMetadata() throws {
        var settings = Self.smallWidths([40, 80])
        settings.formats = [.webp, .avif]
        let image = try workspace.processOne("orientation-6-gps.jpg", settings)
        #expect(image.formats == [.avif, .webp, .jpeg])
        let avif = image.variants(for: .avif)
        #expect(avif.map(\.width) == [40, 80])
        for file in avif {
            #expect(MetadataBlocks.of(file).isEmpty)
            let decoded = try #require(Decoded(file.bytes))
            #expect(decoded.width == file.width && decoded.height == file.height)
            #expect(decoded.privateFields.isEmpty, "\(decoded.privateFields)")
        }
    }

    @Test func aCMYKJPEGComesOutAsEightBitSRGB() throws {
        let image = try workspace.processOne("cmyk.jpg", Self.smallWidths([80]))
        for file in image.allFiles {
            let decoded = try #require(Decoded(file.bytes))
            #expect(decoded.bands == 3 && decoded.isEightBit && decoded.interpretation == VIPS_INTERPRETATION_sRGB)
            // Left half was (200, 30, 40), right half (30, 160, 60) before the CMYK round trip.
            let left = decoded.pixel(10, 30), right = decoded.pixel(70, 30)
            #expect(left[0] > 170 && left[1] < 90 && left[2] < 90, "left: \(left)")
            #expect(right[1] > 120 && right[0] < 90 && right[2] < 110, "right: \(right)")
        }
    }

    @Test func aSixteenBitPNGComesOutAsEightBitSRGB() throws {
        let image = try workspace.processOne("rgb16.png", Self.smallWidths([80]))
        #expect(!image.hasAlpha && image.fallbackFormat == .jpeg)
        let decoded = try #require(Decoded(image.variants(for: .webp)[0].bytes))
        #expect(decoded.bands == 3 && decoded.isEightBit)
        let left = decoded.pixel(10, 30)
        #expect(abs(left[0] - 200) < 8 && abs(left[1] - 30) < 8 && abs(left[2] - 40) < 8, "left: \(left)")
    }

    @Test func transparencyKeepsAlphaAndFallsBackToPNGWithAWhiteOgImage() throws {
        let image = try workspace.processOne("transparent.png", Self.smallWidths([80]))
        #expect(image.hasAlpha)
        #expect(image.formats == [.webp, .png])
        let webp = try #require(Decoded(image.variants(for: .webp)[0].bytes))
        #expect(webp.bands == 4)
        #expect(webp.pixel(70, 30)[3] == 0)
        #expect(image.fallbackFile?.format == .png)
        let ogFile = try #require(image.ogImage)
        #expect(ogFile.format == .jpeg && ogFile.fileName != image.fallbackFile?.fileName)
        let og = try #require(Decoded(ogFile.bytes))
        #expect(og.bands == 3)
        #expect(og.pixel(70, 30).allSatisfy { $0 > 245 }, "transparent half is white in the JPEG")
    }

    @Test func anAlphaChannelWithNothingTransparentFallsBackToJPEG() throws {
        let image = try workspace.processOne("opaque-alpha.png", Self.smallWidths([80]))
        #expect(!image.hasAlpha)
        #expect(image.formats == [.webp, .jpeg])
        #expect(try #require(Decoded(image.variants(for: .webp)[0].bytes)).bands == 3)
    }

    @Test func aHEICPhotoFromAnIPhoneIsPublishedLikeAJPEG() throws {
        let image = try workspace.processOne("heic.heic", Self.smallWidths([80]))
        #expect(image.sourceFormat == .heif)
        #expect(image.width == 80 && image.height == 60)
        #expect(image.formats == [.webp, .jpeg])
        #expect(image.fallback.fileName.hasPrefix("heic.80."))
        let left = try #require(Decoded(image.fallback.bytes)).pixel(10, 30)
        #expect(left[0] > 170 && left[1] < 70, "left: \(left)")
    }

    @Test func gifAndSVGArePassedThroughUnderTheirOwnNames() throws {
        let results = workspace.pipeline().process([ImageWorkspace.source("passthrough.gif"),
                                                    ImageWorkspace.source("passthrough.svg")])
        let gif = try results[0].get(), svg = try results[1].get()
        #expect(gif.kind == .passedThrough && svg.kind == .passedThrough)
        #expect(gif.variants.map(\.fileName) == ["passthrough.gif"])
        #expect(svg.variants.map(\.fileName) == ["passthrough.svg"])
        #expect(gif.variants[0].location == .source && svg.variants[0].location == .source)
        #expect(gif.width == 80 && gif.height == 60 && svg.width == 40 && svg.height == 30)
        #expect(gif.ogImage == nil && svg.fallback.format == .svg)
    }
}

@Suite struct ImageCacheTests {
    let workspace = ImageWorkspace()

    func names(_ results: [ImageResult]) throws -> [[String]] {
        try results.map { try $0.get().allFiles.map(\.fileName) }
    }

    @Test func aSecondRunOverUnchangedPhotosEncodesNothingAndGivesTheSameBytes() throws {
        let sources = ["gradient-1000.jpg", "orientation-6-gps.jpg", "transparent.png"].map(ImageWorkspace.source)
        let first = workspace.pipeline()
        let firstResults = first.process(sources)
        #expect(first.encodeCount > 0)
        let second = workspace.pipeline()
        let secondResults = second.process(sources)
        #expect(second.encodeCount == 0)
        #expect(try names(secondResults) == names(firstResults))
        for (a, b) in zip(firstResults, secondResults) {
            #expect(try a.get().allFiles.map(\.bytes) == b.get().allFiles.map(\.bytes))
        }
    }

    @Test func changedSettingsEncodeAgain() throws {
        _ = try workspace.processOne("orientation-6-gps.jpg")
        var settings = ImageSettings()
        settings.quality = .init(60)
        let pipeline = workspace.pipeline(settings)
        _ = try pipeline.process([ImageWorkspace.source("orientation-6-gps.jpg")])[0].get()
        #expect(pipeline.encodeCount > 0)
    }

    @Test(arguments: ["cut short", "changed", "deleted", "entry garbled"])
    func aDamagedCacheEntryIsDetectedAndEncodedAgain(damage: String) throws {
        let source = ImageWorkspace.source("gradient-1000.jpg")
        let original = try workspace.pipeline().process([source])[0].get()
        let victim = original.variants(for: .webp)[1]
        guard case .cacheFile(let url) = victim.location else { Issue.record("not in the cache"); return }
        switch damage {
        case "cut short": try victim.bytes.prefix(victim.byteCount / 2).write(to: url)
        case "changed":
            var bytes = victim.bytes
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: url)
        case "deleted": try FileManager.default.removeItem(at: url)
        default: try Data("{".utf8).write(to: url.deletingLastPathComponent().appendingPathComponent("entry.json"))
        }
        let pipeline = workspace.pipeline()
        let repaired = try pipeline.process([source])[0].get()
        #expect(pipeline.repairedCacheEntries == 1)
        #expect(pipeline.encodeCount > 0)
        #expect(repaired.allFiles.map(\.fileName) == original.allFiles.map(\.fileName))
        #expect(repaired.variants(for: .webp)[1].bytes == original.variants(for: .webp)[1].bytes)
        let after = workspace.pipeline()
        _ = try after.process([source])[0].get()
        #expect(after.encodeCount == 0)
    }

    @Test func theCacheHoldsNoTemporaryFoldersAfterARun() throws {
        _ = try workspace.processOne("orientation-6-gps.jpg")
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.cache.path)
        #expect(names.count == 2 && names.contains("sources.json"))
        #expect(!names.contains { $0.hasPrefix(".") })
    }

    @Test func aPhotoReplacedUnderTheSameNameIsEncodedAgain() throws {
        let folder = workspace.cache.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let photo = folder.appendingPathComponent("anh.jpg")
        try FileManager.default.copyItem(at: ImageWorkspace.fixtures.appendingPathComponent("orientation-6-gps.jpg"), to: photo)
        let source = SourceImage(path: "content/images/anh.jpg", file: photo)
        #expect(try workspace.pipeline().process([source])[0].get().width == 80)
        try FileManager.default.removeItem(at: photo)
        try FileManager.default.copyItem(at: ImageWorkspace.fixtures.appendingPathComponent("gradient-1000.jpg"), to: photo)
        let pipeline = workspace.pipeline()
        #expect(try pipeline.process([source])[0].get().width == 1000)
        #expect(pipeline.encodeCount > 0)
    }
}

@Suite struct ImageProblemTests {
    let workspace = ImageWorkspace()

    func problemOf(_ name: String, _ settings: ImageSettings = ImageSettings()) -> ImageProblem? {
        if case .failure(let problem) = workspace.pipeline(settings).process([ImageWorkspace.source(name)])[0] {
            return problem
        }
        return nil
    }

    @Test func aTruncatedJPEGIsAnErrorNotAGreyPicture() throws {
        let problem = try #require(problemOf("truncated.jpg"))
        #expect(problem.kind == .damaged)
        #expect(problem.description.hasPrefix("content/images/truncated.jpg: error: the image is damaged or cut short"))
    }

    @Test func aTextFileNamedJPGIsNotAnImage() throws {
        let problem = try #require(problemOf("not-an-image.jpg"))
        #expect(problem.kind == .notAnImage)
        #expect(problem.path == "content/images/not-an-image.jpg")
        #expect(problem.message.contains("not a picture"))
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() throws {
        let pipeline = workspace.pipeline()
        let started = ContinuousClock.now
        guard case .failure(let problem) = pipeline.process([ImageWorkspace.source("bomb.png")])[0] else {
            Issue.record("bomb accepted")
            return
        }
        #expect(problem.kind == .tooManyPixels)
        #expect(problem.message.contains("30000 × 30000"))
        #expect(problem.message.contains("900 megapixels"))
        #expect(pipeline.encodeCount == 0)
        // Decoding 900 megapixels would take many seconds and a gigabyte; the header takes milliseconds.
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func thePixelLimitComesFromTheSettings() throws {
        var settings = ImageSettings()
        settings.maxPixels = 5_000
        #expect(problemOf("orientation-6-gps.jpg", settings)?.kind == .tooManyPixels)
    }

    @Test func aMissingFileIsNamed() throws {
        let problem = try #require(problemOf("khong-co.jpg"))
        #expect(problem.kind == .missing)
        #expect(problem.description.hasPrefix("content/images/khong-co.jpg: error: the image file does not exist"))
    }

    @Test func resultsComeInTheOrderGivenWithProblemsBesideSuccesses() throws {
        let names = ["gradient-1000.jpg", "truncated.jpg", "orientation-6-gps.jpg", "khong-co.jpg", "passthrough.svg"]
        let results = ImagePipeline(settings: ImageSettings(), cacheDirectory: workspace.cache, workers: 3)
            .process(names.map(ImageWorkspace.source))
        #expect(results.map { (try? $0.get())?.path ?? "failed" } == [
            "content/images/gradient-1000.jpg", "failed", "content/images/orientation-6-gps.jpg", "failed",
            "content/images/passthrough.svg",
        ])
    }

    @Test func bytesGivenInMemoryWorkLikeAFile() throws {
        let data = try Data(contentsOf: ImageWorkspace.fixtures.appendingPathComponent("orientation-6-gps.jpg"))
        let image = try workspace.pipeline().process([SourceImage(path: "content/images/anh.jpg", bytes: data)])[0].get()
        #expect(image.width == 80 && image.height == 120)
        #expect(image.fallback.fileName.hasPrefix("anh.80."))
    }
}

@Suite struct ImageInfoTests {
    @Test func theHeaderGivesTheDisplayedSizeAndTheRealFormat() throws {
        let photo = try ImageInfo.read(ImageWorkspace.source("orientation-6-gps.jpg")).get()
        #expect(photo == ImageInfo(format: .jpeg, width: 80, height: 120, hasAlphaChannel: false))
        let bomb = try ImageInfo.read(ImageWorkspace.source("bomb.png")).get()
        #expect(bomb.format == .png && bomb.pixelCount == 900_000_000)
        #expect(try ImageInfo.read(ImageWorkspace.source("transparent.png")).get().hasAlphaChannel)
    }

    @Test func aTextFileIsNotAnImageWhateverItsName() {
        guard case .failure(let problem) = ImageInfo.read(ImageWorkspace.source("not-an-image.jpg")) else {
            Issue.record("read as an image")
            return
        }
        #expect(problem.kind == .notAnImage)
    }
}
