/// Syllables common in the department's news, most frequent first: the raw material of generated articles.
enum VietnameseSyllables {
    static let common: [String] = [
        "động", "lao", "sở", "người", "hội", "xã", "việc", "công", "dân", "chức", "làm", "năm", "nghiệp", "tỉnh",
        "bộ", "thực", "cơ", "nghị", "hiện", "chính", "học", "nhân", "tổ", "đảng", "hành", "viên", "vụ", "thi",
        "nghề", "thương", "gia", "đồng", "binh", "ủy", "kết", "chi", "đua", "phòng", "quyết", "ban", "ngày", "tiếp",
        "hợp", "cấp", "trung", "quan", "vận", "sinh", "thể", "toàn", "đối", "đề", "nghèo", "tháng", "doanh", "trợ",
        "định", "nhiệm", "hình", "vị", "đơn", "số", "hộ", "dịch", "sách", "nội", "phát", "thành", "giải", "hoạt",
        "ký", "phong", "bảo", "nước", "khai", "tập", "phương", "quả", "giáo", "nghiện", "nhận", "trực", "mới",
        "dung", "tác", "thông", "huyện", "tiêu", "đăng", "trào", "cai", "quy", "xây", "dựng", "chế", "tâm", "tham",
        "vấn", "đạo", "nhà", "chủ", "tục", "bình", "tạo", "đình", "dụng", "hỗ", "thời", "tốt", "tư", "hưởng", "đoàn",
        "kế", "hoạch", "địa", "sau", "triển", "hiệu", "thị", "thuộc", "đào", "đại", "an", "cần", "dục", "điển",
        "khéo", "cầu", "giao", "ngành", "ngoài", "hệ", "ma", "túy", "em", "hướng", "năng", "báo", "điều", "sơ",
        "thiết", "cá", "cao", "tự", "đạt", "trẻ", "ứng", "kỳ", "yêu", "long", "nhất", "hoàn", "tượng", "tin", "thức",
        "hồ", "phí", "giới", "nông", "biểu", "khen", "vệ", "chưa", "độ", "vĩnh", "lý", "sự", "tổng", "quốc", "gắn",
        "kiến", "đổi", "trị", "lực", "liên", "nạn", "đi", "trường", "tuyển", "quyền", "danh", "lệ", "tỷ", "cách",
        "phối", "sử", "điện", "trình", "lên", "phố", "dự", "mức", "nâng", "giảm", "thưởng", "lớp", "hơn", "bản",
        "dẫn", "tra", "phần", "thống", "sản", "xuất", "cáo", "hiểm", "tăng", "khu", "trọng", "gian", "cận", "chọn",
        "thân", "nguyện", "chuẩn", "cuối", "chống", "dạy", "rà", "soát", "chí", "thủ", "thường", "máy", "quản",
        "truyền", "chấp", "điểm", "giám", "tế", "cụ", "minh", "tình", "thu", "tinh", "lương", "mạnh", "đóng",
        "chuyên", "cùng", "xét", "góp", "lãnh", "luật", "văn", "bàn", "lượng", "cảnh", "khó", "kinh", "sát", "phiên",
        "hàng", "cộng", "tiền", "giấy", "phụ", "bổ", "chất", "đẳng", "bạo", "tiện", "đủ", "đảm", "kiểm", "xếp",
        "đáng", "vực", "lễ", "tuyên", "mạng", "khăn", "trách", "nam", "tuyến", "giờ", "chỉnh", "hằng", "cường",
        "lợi", "khóa", "dưỡng", "trước", "ưu", "mọi", "bằng", "nữ", "thôn", "rộng", "trao", "lập", "kịp", "quà",
        "hóa", "nghĩa", "đúng", "môn", "vững", "trả", "kỹ", "diện", "giá", "tai", "nơi", "vi", "sắp", "tiên", "pháp",
        "thăm", "tìm", "nhu", "đưa", "cán", "lựa", "phải", "thoại", "ấp", "thiệu", "miễn", "đấu", "sửa", "kỷ", "dịp",
        "niêm", "yết", "huy", "vượt", "hài", "hai", "tài", "phục", "giảng", "huấn", "nhỏ", "vừa", "đánh", "đầu",
        "nguyên", "gặp", "diễn", "đài", "hỏi", "phường", "trở", "nối", "gần", "may", "thất", "căn", "từng", "nguồn",
        "ngân", "phép", "việt", "bồi", "đãi", "giúp", "tờ", "nhập", "lần"
    ]

    /// Function syllables, mixed into generated sentences as in real text.
    static let function: [String] = [
        "và", "của", "các", "những", "được", "trong", "là", "có", "cho", "với", "để", "một", "này", "đã", "từ",
        "theo", "về", "tại", "khi", "đến", "không", "cũng", "như", "sẽ", "nhằm", "trên", "qua",
    ]
}
