import Foundation
import Testing
@testable import BanTinImages

/// The site's icons and default share picture, drawn from its SVG logo (issue #17's favicon.ico,
/// apple-touch-icon.png and raster og:image for pages without a photo).
@Suite struct SiteIconsTests {
    static let logo = Data("""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
        <circle cx="32" cy="32" r="30" fill="#c8102e"/><path d="M32 14l5 16h17l-14 10 5 16-13-10-13 10 5-16-14-10h17z" fill="#ffcd00"/>
        </svg>
        """.utf8)

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ png: Data) -> (Int, Int)? {
        let bytes = [UInt8](png)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test func theFaviconHoldsThreePNGsOfSixteenThirtyTwoAndFortyEightPixels() throws {
        let icons = try SiteIcons.make(logo: Self.logo, path: "templates/assets/favicon.svg")
        let bytes = [UInt8](icons.favicon)
        #expect(bytes[0..<6] == [0, 0, 1, 0, 3, 0])          // reserved, type 1 (icon), three images
        var sizes: [Int] = []
        for index in 0..<3 {
            let entry = 6 + 16 * index
            let length = Int(bytes[entry + 8]) | Int(bytes[entry + 9]) << 8 | Int(bytes[entry + 10]) << 16
            let offset = Int(bytes[entry + 12]) | Int(bytes[entry + 13]) << 8 | Int(bytes[entry + 14]) << 16
            let png = icons.favicon.subdata(in: offset..<offset + length)
            let size = try #require(Self.pngSize(png))
            #expect(size.0 == Int(bytes[entry]) && size.1 == Int(bytes[entry + 1]))
            sizes.append(size.0)
        }
        #expect(sizes == [16, 32, 48])
    }

    @Test func theTouchIconAndTheSharePictureHaveTheirSizesAndAreTheSameEachTime() throws {
        let icons = try SiteIcons.make(logo: Self.logo, path: "templates/assets/favicon.svg")
        #expect(Self.pngSize(icons.appleTouchIcon).map { "\($0.0)x\($0.1)" } == "180x180")
        #expect(Self.pngSize(icons.shareImage).map { "\($0.0)x\($0.1)" } == "1200x630")
        // Opaque: no alpha channel (PNG colour type 2, RGB), so iOS does not fill the corners with black.
        #expect([UInt8](icons.appleTouchIcon)[25] == 2)
        #expect(try SiteIcons.make(logo: Self.logo, path: "templates/assets/favicon.svg") == icons)
    }

    @Test func aLogoThatIsNotAPictureIsAProblemNamingIt() {
        #expect {
            _ = try SiteIcons.make(logo: Data("not an svg".utf8), path: "templates/assets/favicon.svg")
        } throws: { error in
            (error as? ImageProblem)?.path == "templates/assets/favicon.svg"
        }
    }

    /// A logo declaring a huge drawing (in any unit, or by its viewBox alone) is refused before it is drawn:
    /// drawn, it took the build to 13.5 GB.
    @Test(arguments: [#"width="1000000" height="1000000""#, #"width="1000000" height="10""#, #"width="10" height="900000""#,
                      #"width="100000mm" height="100mm""#, #"width="1e6" height="1e6""#, #"width="200in" height="200in""#,
                      #"viewBox="0 0 1000000 1000000""#])
    func aLogoDeclaringAHugeDrawingIsRefusedBeforeItIsDrawn(_ size: String) {
        let logo = Data(##"<svg xmlns="http://www.w3.org/2000/svg" \##(size)><rect width="100%" height="100%" fill="#c8102e"/></svg>"##.utf8)
        #expect {
            _ = try SiteIcons.make(logo: logo, path: "templates/assets/favicon.svg")
        } throws: { error in
            guard let problem = error as? ImageProblem else { return false }
            return problem.kind == .tooManyPixels && problem.path == "templates/assets/favicon.svg"
                && problem.message.contains("at most 8192 px a side")
        }
    }

    @Test func aLogoOfAFewThousandPixelsIsDrawn() throws {
        let logo = Data(##"<svg xmlns="http://www.w3.org/2000/svg" width="4096" height="2048"><circle cx="2048" cy="1024" r="900" fill="#c8102e"/></svg>"##.utf8)
        let icons = try SiteIcons.make(logo: logo, path: "templates/assets/favicon.svg")
        #expect(Self.pngSize(icons.shareImage).map { "\($0.0)x\($0.1)" } == "1200x630")
    }
}
