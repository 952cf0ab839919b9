import Foundation
import Testing
@testable import BanTinKit

/// A list pasted from Word ("•⇥…") is shown as a list, with a warning saying how to write one.
@Suite struct PastedBulletsTests {
    @Test func wordBulletsBecomeAListWithAWarningAtTheFirst() throws {
        let body = "Các nội dung chính:\n•\tTham dự hội nghị.\n•\tTổng kết năm.\n\t\u{F0B7}\u{A0}Khen thưởng.\n\nKết."
        let file = Fixtures.article("a", title: "Tin", body: body)
        let (site, _, warnings) = try Fixtures.model(articleFiles: [file])
        #expect(site.articles.count == 1)
        let warning = try #require(warnings.first { $0.text.key == "bullets.pasted" })
        #expect(warning.line == 8)
        #expect(warning.rendered(in: .vi).hasSuffix("lỗi: dòng này bắt đầu bằng dấu \"•\" chép từ Word (cùng 2 dòng sau): Markdown không coi đó là danh sách, nên bantin đã đổi thành danh sách; hãy sửa lại, bắt đầu mỗi dòng của danh sách bằng \"- \" (gạch ngang rồi dấu cách)".replacingOccurrences(of: "lỗi:", with: "cảnh báo:")))
        #expect(warning.rendered(in: .en).contains("starts with a \"•\" pasted from Word (as do 2 lines after it)"))
        let page = try #require(try Fixtures.build([file]).first { $0.key.hasPrefix("tin/") && $0.key.hasSuffix("/index.html") }?.value)
        #expect(page.contains("<li>Tham dự hội nghị.</li>"))
        #expect(page.contains("<li>Khen thưởng.</li>"))
        #expect(!page.contains("•"))
    }

    @Test func aBulletInsideALineIsLeftAlone() {
        let (body, warning) = PastedBullets.read("Giá • 100%\n", firstLine: 1, file: "a.md")
        #expect(body == "Giá • 100%\n")
        #expect(warning == nil)
    }

    /// The byte scan that spares decoding every body lets every bullet through, and ordinary Vietnamese text
    /// (dashes and curly quotes included) not.
    @Test func theQuickScanFindsEveryBulletAndPassesOverOrdinaryText() {
        for bullet in PastedBullets.bullets {
            #expect(PastedBullets.mayHoldBullets("Mở đầu.\n\(Character(bullet))\tNội dung"), "U+\(String(bullet.value, radix: 16))")
        }
        #expect(!PastedBullets.mayHoldBullets("Được tổ chức – “Dân vận khéo” — năm 2018…"))
    }
}
