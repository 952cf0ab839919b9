import Testing
import Yams
@testable import BanTinImages

@Suite struct ImageSettingsTests {
    /// The `images:` node of a site.yml text, as the build would hand it over.
    func read(_ siteYAML: String) throws -> (settings: ImageSettings, diagnostics: [String]) {
        let node = try Yams.compose(yaml: siteYAML)
        let (settings, diagnostics) = ImageSettings.read(node?["images"], file: "content/site.yml")
        return (settings, diagnostics.map(\.description))
    }

    @Test func noSectionGivesTheDefaults() throws {
        let (settings, diagnostics) = try read("title: Sở\n")
        #expect(settings.widths == [320, 640, 960, 1280, 1920])
        #expect(settings.formats == [.webp])
        #expect(settings.quality == .init(jpeg: 80, webp: 80, avif: 65))
        #expect(settings.maxPixels == 100_000_000)
        #expect(!settings.publishOriginal)
        #expect(settings.ogWidth == 1200)
        #expect(diagnostics.isEmpty)
    }

    @Test func everyKeyIsRead() throws {
        let (settings, diagnostics) = try read("""
            title: Sở
            images:
              widths: [1280, 480, 960, 480]
              formats: [webp, avif]
              quality: 82
              max_pixels: 50000000
              publish_original: true
              og_width: 1000
            """)
        #expect(diagnostics.isEmpty)
        #expect(settings.widths == [480, 960, 1280])
        #expect(settings.formats == [.webp, .avif])
        #expect(settings.quality == .init(jpeg: 82, webp: 82, avif: 65))
        #expect(settings.maxPixels == 50_000_000)
        #expect(settings.publishOriginal)
        #expect(settings.ogWidth == 1000)
    }

    @Test func qualityMayBeGivenPerFormatAndFormatsAsText() throws {
        let (settings, diagnostics) = try read("""
            images:
              quality: {jpeg: 85, webp: 70, avif: 50}
              formats: jpeg, avif
            """)
        #expect(diagnostics.isEmpty)
        #expect(settings.quality == .init(jpeg: 85, webp: 70, avif: 50))
        // The fallback is always written; naming it asks for nothing more.
        #expect(settings.formats == [.avif])
    }

    @Test func anUnknownKeyIsAWarningOnItsLine() throws {
        let (settings, diagnostics) = try read("""
            title: Sở
            images:
              widths: [640]
              qualty: 80
            """)
        #expect(settings.widths == [640])
        #expect(diagnostics == [
            "content/site.yml:4: warning: unknown key \"qualty\" in images; known keys: widths, formats, quality, max_pixels, publish_original, og_width",
        ])
    }

    @Test func badValuesAreErrorsOnTheirLinesAndKeepTheDefaults() throws {
        let (settings, diagnostics) = try read("""
            images:
              widths: [320, wide]
              formats: [webp, bmp]
              quality: 0
              max_pixels: -1
              publish_original: maybe
              og_width: 50
            """)
        #expect(settings == ImageSettings())
        #expect(diagnostics == [
            "content/site.yml:2: error: \"widths\" must be a whole number from 16 to 8192, found \"wide\"",
            "content/site.yml:3: error: unknown image format \"bmp\" in \"formats\"; use webp and/or avif (JPEG or PNG is always written as the fallback)",
            "content/site.yml:4: error: \"quality\" must be a whole number from 1 to 100, found \"0\"",
            "content/site.yml:5: error: \"max_pixels\" must be a whole number from 1 to 2000000000, found \"-1\"",
            "content/site.yml:6: error: \"publish_original\" must be true or false, found \"maybe\"",
            "content/site.yml:7: error: \"og_width\" must be a whole number from 200 to 4096, found \"50\"",
        ])
    }

    @Test func aSectionThatIsNotAGroupIsAnError() throws {
        let (_, diagnostics) = try read("images: [320, 640]\n")
        #expect(diagnostics == ["content/site.yml:1: error: \"images\" must be a group of \"key: value\" lines, found a list"])
    }

    @Test func theLineOffsetIsAdded() throws {
        let node = try Yams.compose(yaml: "images:\n  colour: red\n")
        let (_, diagnostics) = ImageSettings.read(node?["images"], file: "site.yml", lineOffset: 10)
        #expect(diagnostics.map(\.line) == [12])
    }
}
