#!/usr/bin/env python3
"""Deterministic Vietnamese news corpus for benchmarks: the same articles for bantin and for Hugo.

    bench/corpus.py N OUT [--shape NAME] [--categories C] [--depth D] [--tags T] [--tags-per A-B]
                          [--sentences A-B] [--years A-B]
writes OUT/bantin/content (site.yml, articles/), OUT/hugo/content and OUT/hugo/shape.toml (the category tree and
page size for bench/hugo-site, given to Hugo after hugo.toml).

Shapes (issue #18: the bench's ratios must hold on more than one kind of corpus):
  portal   30 categories (5 nested under others), ~200 tags used Zipf-like, 1-4 a article, dates over 2016-2025,
           bodies of 5-11 paragraphs (about 250-1,100 words) with headings, lists and a table now and then.
           The corpus make bench always used.
  flat     10 categories, 20 tags, 2-4 a article (uniform), 2015-2026, bodies of 5-15 sentences: like the
           outside generator of issue #18 (short articles: the sidebars weigh more than the text).
  deep     60 categories three levels deep, 1,000 tags, 3-8 a article, 2006-2026, bodies of 40-80 sentences:
           long articles, many small tag pages, long archives.
Any option given after --shape changes that one parameter.
"""
import argparse, os, random, sys, textwrap, unicodedata

SHAPES = {
    "portal": dict(categories=30, depth=1, tags=200, tags_per=(1, 4), zipf=True, sentences=None, years=(2016, 2025)),
    "flat": dict(categories=10, depth=0, tags=20, tags_per=(2, 4), zipf=False, sentences=(5, 15), years=(2015, 2026)),
    "deep": dict(categories=60, depth=2, tags=1000, tags_per=(3, 8), zipf=True, sentences=(40, 80), years=(2006, 2026)),
}

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
    slug = "".join(out)
    # bantin's Slug.truncate: at most 100 characters, cut at the last "-" within 101.
    if len(slug) > 100:
        cut = slug[:101].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:100]
    return slug


def words(rng, n):
    return " ".join(rng.choice(SYLLABLES) for _ in range(n))


def sentence(rng):
    s = words(rng, rng.randint(8, 22))
    return s[0].upper() + s[1:] + "."


def body_of_sentences(rng, low, high):
    """`low`-`high` sentences in paragraphs of 2-6."""
    count, parts = rng.randint(low, high), []
    while count > 0:
        n = min(count, rng.randint(2, 6))
        parts.append(" ".join(sentence(rng) for _ in range(n)))
        count -= n
    return "\n\n".join(parts) + "\n"


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


def category_names(count):
    """The department's category names, then numbered ones past 30."""
    return CATEGORY_NAMES[:count] + [f"Chuyên mục {i + 1}" for i in range(len(CATEGORY_NAMES), count)]


def parents_of(names, depth, shape):
    """name -> parent name. portal: the historical 5 children under the first 5; deeper shapes: a tree where
    each level's categories hang under the level above, `depth` levels below the top."""
    if depth == 0:
        return {}
    if shape == "portal" and depth == 1 and len(names) == 30:
        return {names[i]: names[i - 25] for i in range(25, 30)}
    levels, parents = depth + 1, {}
    per_level = max(1, len(names) // (2 ** levels - 1))
    level_start = [0]
    for level in range(levels):
        level_start.append(min(len(names), level_start[-1] + per_level * 2 ** level))
    level_start[-1] = len(names)
    for level in range(1, levels):
        above = names[level_start[level - 1]:level_start[level]]
        for j, name in enumerate(names[level_start[level]:level_start[level + 1]]):
            parents[name] = above[j % len(above)]
    return parents


def parse_range(text):
    low, _, high = text.partition("-")
    return (int(low), int(high or low))


def main():
    parser = argparse.ArgumentParser(description="bench corpus")
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="portal")
    parser.add_argument("--categories", type=int)
    parser.add_argument("--depth", type=int)
    parser.add_argument("--tags", type=int)
    parser.add_argument("--tags-per", type=parse_range)
    parser.add_argument("--sentences", type=parse_range)
    parser.add_argument("--years", type=parse_range)
    args = parser.parse_args()
    shape = dict(SHAPES[args.shape])
    for key in ("categories", "depth", "tags", "tags_per", "sentences", "years"):
        if getattr(args, key) is not None:
            shape[key] = getattr(args, key)
    n, out = args.n, args.out
    rng = random.Random(20261125)
    tags = [words(rng, 2) for _ in range(shape["tags"])]
    by_slug = {}
    for t in tags:  # one name a slug (the first drawn): "bình có" and "binh có" would be one page, whose name?
        by_slug.setdefault(slugify(t), t)
    tags = list(by_slug.values())
    weights = [1 / (i + 1) for i in range(len(tags))] if shape["zipf"] else [1] * len(tags)
    names = category_names(shape["categories"])
    parents = parents_of(names, shape["depth"], args.shape)
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
        for name in names:
            f.write(f"  - name: {quote(name)}\n")
            if name in parents:
                f.write(f"    parent: {quote(parents[name])}\n")
    with open(os.path.join(out, "hugo", "shape.toml"), "w") as f:
        # Read by bench/hugo-site after its hugo.toml. The category tree is in the term pages (`parent:`): Hugo
        # lowercases the keys of a [params] table, and an empty one here replaced hugo.toml's [params].
        f.write("# bench/corpus.py: settings of this corpus for bench/hugo-site (none so far)\n")
    # Term pages for Hugo: each category's title, bantin's slug (Hugo's URLs would keep "đ") and its place in
    # site.yml (bantin lists categories in that order, Hugo alphabetically unless given weights); a tag gets a
    # page only when its slug needs one. The folder is Hugo's own path for the term (lower case, spaces as "-").
    def term_page(taxonomy, name, weight=None, parent=None):
        folder = os.path.join(out, "hugo", "content", taxonomy, unicodedata.normalize("NFC", name.lower()).replace(" ", "-"))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write(f"---\ntitle: {quote(name)}\nslug: {slugify(name)}\n" + (f"weight: {weight}\n" if weight else "")
                    + (f"parent: {quote(parent)}\n" if parent else "") + "---\n")
    for i, name in enumerate(names):
        term_page("categories", name, i + 1, parents.get(name))
    # bantin has no page listing the categories (the sidebar does): Hugo does not render its /chuyen-muc/ either.
    with open(os.path.join(out, "hugo", "content", "categories", "_index.md"), "w") as f:
        f.write("---\nbuild:\n  render: never\n---\n")
    for name in tags:
        if "đ" in name.lower():
            term_page("tags", name)
    low_year, high_year = shape["years"]
    seen = set()
    for i in range(n):
        title = sentence(rng)[:-1][: rng.randint(40, 110)].rstrip()
        slug = slugify(title)
        while slug in seen or not slug:
            title += f" {i}"
            slug = slugify(title)
        seen.add(slug)
        category = names[min(int(rng.paretovariate(1.2)) - 1, len(names) - 1)]
        article_tags = sorted(set(rng.choices(tags, weights, k=rng.randint(*shape["tags_per"]))))
        date = f"{rng.randint(low_year, high_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}"
        text = body(rng) if shape["sentences"] is None else body_of_sentences(rng, *shape["sentences"])
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
