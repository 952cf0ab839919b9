#!/usr/bin/env python3
"""Deterministic Vietnamese news corpus for benchmarks: the same articles for bantin and for Hugo.

    bench/corpus.py N OUT     writes OUT/bantin/content (site.yml, articles/) and OUT/hugo/content
Articles: 30 categories (some nested), ~200 tags used Zipf-like, dates over 10 years, bodies of about 250-1,100
words of Vietnamese syllables with headings, lists and a table now and then.
"""
import os, random, sys, textwrap, unicodedata

SYLLABLES = ("công tác dân vận khéo đảng ủy sở lao động thương binh xã hội tỉnh vĩnh long phong trào thi đua "
             "kế hoạch thực hiện năm việc làm giáo dục nghề nghiệp bảo hiểm người có công trẻ em bình đẳng giới "
             "giảm nghèo bền vững an toàn vệ sinh cải cách hành chính dịch vụ công trực tuyến hội nghị tổng kết "
             "triển khai nhiệm vụ chính trị chuyên môn đơn vị cơ quan cán bộ công chức viên chức người dân "
             "huyện xã phường thị trấn chỉ tiêu kết quả đạt vượt tăng cường phối hợp tuyên truyền vận động "
             "hỗ trợ chính sách trợ cấp ưu đãi đào tạo tuyển sinh doanh nghiệp thị trường lao động").split()
CATEGORY_NAMES = ["Các vấn đề chung", "Lao động - Việc làm", "Giáo dục nghề nghiệp", "Người có công",
                  "Bảo trợ xã hội", "Giảm nghèo", "Trẻ em", "Bình đẳng giới", "An toàn lao động",
                  "Phòng chống tệ nạn", "Cải cách hành chính", "Thi đua khen thưởng", "Công tác Đảng",
                  "Công đoàn", "Đoàn thanh niên", "Văn bản chỉ đạo", "Thông báo", "Tuyển dụng",
                  "Bảo hiểm xã hội", "Tiền lương", "Quan hệ lao động", "Lao động ngoài nước",
                  "Chuyển đổi số", "Thanh tra", "Pháp chế", "Kế hoạch tài chính", "Tin địa phương",
                  "Tin trong nước", "Hỏi đáp chính sách", "Gương điển hình"]


def slugify(text):
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()
    out, dash = [], False
    for c in text:
        if c.isascii() and c.isalnum():
            if dash and out: out.append("-")
            out.append(c); dash = False
        else:
            dash = True
    return "".join(out)


def words(rng, n):
    return " ".join(rng.choice(SYLLABLES) for _ in range(n))


def sentence(rng):
    s = words(rng, rng.randint(8, 22))
    return s[0].upper() + s[1:] + "."


def body(rng):
    parts = []
    for p in range(rng.randint(5, 11)):
        if p == 2 and rng.random() < 0.3:
            parts.append("## " + sentence(rng)[:-1])
        parts.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 7))))
        if p == 3 and rng.random() < 0.3:
            parts.append("\n".join("- " + sentence(rng) for _ in range(rng.randint(2, 5))))
        if p == 4 and rng.random() < 0.15:
            rows = ["| Huyện | Chỉ tiêu | Kết quả |", "|---|---:|---:|"]
            rows += [f"| {words(rng, 2).title()} | {rng.randint(100, 900)} | {rng.randint(100, 999)} |" for _ in range(5)]
            parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261125)
    tags = [words(rng, 2) for _ in range(200)]
    tags = list(dict.fromkeys(tags))
    weights = [1 / (i + 1) for i in range(len(tags))]
    b_root = os.path.join(out, "bantin", "content")
    h_root = os.path.join(out, "hugo", "content", "tin")
    os.makedirs(os.path.join(b_root, "articles"), exist_ok=True)
    os.makedirs(h_root, exist_ok=True)
    with open(os.path.join(b_root, "site.yml"), "w") as f:
        f.write(textwrap.dedent("""\
            title: "Cổng thông tin thử nghiệm"
            base_url: "https://bench.example.gov.vn/"
            page_size: 20
            latest_count: 10
            home_section_count: 4
            related:
              count: 5
            categories:
            """))
        for i, name in enumerate(CATEGORY_NAMES):
            f.write(f"  - name: {quote(name)}\n")
            if i >= 25:
                f.write(f"    parent: {quote(CATEGORY_NAMES[i - 25])}\n")
    seen = set()
    for i in range(n):
        title = sentence(rng)[:-1][: rng.randint(40, 110)].rstrip()
        slug = slugify(title)
        while slug in seen or not slug:
            title += f" {i}"
            slug = slugify(title)
        seen.add(slug)
        category = CATEGORY_NAMES[min(int(rng.paretovariate(1.2)) - 1, len(CATEGORY_NAMES) - 1)]
        article_tags = sorted(set(rng.choices(tags, weights, k=rng.randint(1, 4))))
        date = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}"
        text = body(rng)
        tag_list = ", ".join(quote(t) for t in article_tags)
        folder = os.path.join(b_root, "articles", f"{i // 1000:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{i:05d}.md"), "w") as f:
            f.write(f"---\ntitle: {quote(title)}\ndate: {date}\ncategory: {quote(category)}\ntags: [{tag_list}]\n"
                    f"author: {quote('Phóng viên ' + str(i % 17))}\n---\n{text}")
        with open(os.path.join(h_root, f"{i:05d}.md"), "w") as f:
            f.write(f"---\ntitle: {quote(title)}\ndate: {date.replace(' ', 'T')}:00+07:00\nslug: {slug}\n"
                    f"categories: [{quote(category)}]\ntags: [{tag_list}]\nauthor: {quote('Phóng viên ' + str(i % 17))}\n---\n{text}")


if __name__ == "__main__":
    main()
