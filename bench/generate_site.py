#!/usr/bin/env python3
"""Writes a large, deterministic sample portal for benchmarks: the repository's site.yml, pages and images,
plus N generated articles spread over its categories, ten years of dates and a pool of tags.

    bench/generate_site.py 10000 bench/out/site-10k

The same N always gives the same files, byte for byte (a fixed linear congruential generator, no clock).
"""
import os
import shutil
import sys

SYLLABLES = ("lao động việc làm người có công bảo trợ xã hội giảm nghèo trẻ em bình đẳng giới "
             "giáo dục nghề nghiệp an toàn vệ sinh phòng chống tệ nạn cải cách hành chính chính sách "
             "đào tạo hỗ trợ doanh nghiệp thanh niên nông thôn kế hoạch triển khai tổng kết sơ kết "
             "hội nghị phong trào thi đua dân vận khéo đảng ủy chi bộ công đoàn tỉnh huyện xã phường "
             "năm tháng quý kết quả nhiệm vụ giải pháp trọng tâm").split()
CATEGORIES = ["cac-van-de-chung", "lao-dong-viec-lam", "giao-duc-nghe-nghiep", "an-toan-ve-sinh-lao-dong",
              "nguoi-co-cong", "bao-tro-xa-hoi-giam-ngheo", "tre-em-binh-dang-gioi", "phong-chong-te-nan-xa-hoi",
              "cai-cach-hanh-chinh"]


class Random:
    """A 64-bit linear congruential generator: tiny, portable, reproducible."""

    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % bound

    def words(self, count):
        return " ".join(SYLLABLES[self.next(len(SYLLABLES))] for _ in range(count))


def article(index, random, images):
    title = f"{random.words(6 + random.next(8)).capitalize()} số {index}"
    year = 2016 + random.next(10)
    date = f"{year}-{1 + random.next(12):02d}-{1 + random.next(28):02d} {7 + random.next(10):02d}:{random.next(60):02d}"
    tags = sorted({f"chủ đề {random.next(200)}" for _ in range(1 + random.next(3))})
    lines = ["---", f'title: "{title}"', f"date: {date}", f"category: {CATEGORIES[random.next(len(CATEGORIES))]}",
             "tags: [" + ", ".join(f'"{tag}"' for tag in tags) + "]", f'author: "Phóng viên {random.next(40)}"']
    if random.next(4) == 0:
        lines.append(f"image: /images/{images[random.next(len(images))]}")
    lines.append("---")
    for paragraph in range(3 + random.next(4)):
        text = random.words(40 + random.next(60)).capitalize() + "."
        lines.append("")
        lines.append(text)
    return "\n".join(lines) + "\n"


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    target = sys.argv[2] if len(sys.argv) > 2 else f"bench/out/site-{count}"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    content = os.path.join(target, "content")
    if os.path.exists(content):
        shutil.rmtree(content)
    os.makedirs(os.path.join(content, "articles"))
    shutil.copy(os.path.join(root, "content", "site.yml"), content)
    shutil.copytree(os.path.join(root, "content", "pages"), os.path.join(content, "pages"))
    shutil.copytree(os.path.join(root, "content", "images"), os.path.join(content, "images"))
    images = sorted(os.listdir(os.path.join(content, "images")))
    random = Random(20261125)
    for index in range(count):
        folder = os.path.join(content, "articles", CATEGORIES[index % len(CATEGORIES)])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"bai-{index:05d}.md"), "w", encoding="utf-8") as file:
            file.write(article(index, random, images))
    print(f"wrote {count} articles to {content}")


if __name__ == "__main__":
    main()
