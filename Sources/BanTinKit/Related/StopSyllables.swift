/// Syllables too common in Vietnamese news to say what an article is about (function words, linking verbs).
/// Kept short on purpose: TF-IDF already discounts frequent words; this only removes words that would otherwise
/// join content words into meaningless pairs ("của sở", "và phát").
enum StopSyllables {
    static let list: [String] = [
        "và", "của", "các", "những", "được", "trong", "là", "có", "cho", "với", "để", "một", "này", "đã", "đó",
        "từ", "theo", "về", "tại", "khi", "đến", "không", "cũng", "thì", "mà", "như", "sẽ", "bị", "do", "ra",
        "vào", "lại", "nên", "còn", "hay", "hoặc", "đang", "rất", "vì", "nếu", "mỗi", "qua", "trên", "nhằm",
        "gồm", "thêm", "nhiều", "ở", "đây", "ấy", "chỉ", "đều", "thế", "nào",
    ]
}
