import Testing
@testable import BanTinKit

/// `ByteSearch` stands in for Foundation's `contains` where a whole body is searched: the same answers.
@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("Xem [kế hoạch](/files/ke-hoach.pdf).", "files/", true),
        ("files/", "files/", true),
        ("Tệp ở cuối: /files/", "files/", true),
        ("filesfiles/x", "files/", true),
        ("file/ fi les/ FILES/", "files/", false),
        ("Văn bản số 12/KH", "files/", false),
        ("", "files/", false),
        ("ngắn", "", true),
        ("a{{b", "{{", true),
        ("a{b{", "{{", false),
    ])
    func findsATextByteForByte(text: String, needle: String, found: Bool) {
        #expect(ByteSearch.contains(text, needle) == found)
        #expect(ByteSearch.contains(text, needle) == text.utf8.elementsEqualSomewhere(needle.utf8))
    }
}

private extension String.UTF8View {
    func elementsEqualSomewhere(_ needle: String.UTF8View) -> Bool {
        let bytes = Array(self), wanted = Array(needle)
        if wanted.isEmpty { return true }
        guard bytes.count >= wanted.count else { return false }
        return (0...(bytes.count - wanted.count)).contains { Array(bytes[$0..<($0 + wanted.count)]) == wanted }
    }
}
