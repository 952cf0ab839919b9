#!/usr/bin/env python3
"""assets/counter.js in headless Chromium (scripts/check-counter-js.sh builds and serves the site).

Usage: scripts/check-counter-js.py BASE_URL PUBLIC_DIR
Checks, against the JSON files the build wrote:
  - the sidebar's "Đang xem", "Tất cả" and "Số liệu lúc" show so-lieu.json's online_text, total_text, time_text;
  - "Tin đọc nhiều" lists so-lieu.json's most_read (titles, links, views), its fallback link hidden;
  - an article's "Lượt xem" shows luot-xem.json's figure under the key its page carries; an article nobody read
    keeps it hidden (never a 0);
  - the home page fetches so-lieu.json and not luot-xem.json; an article page fetches both.
The home and article pages as filled are saved beside PUBLIC_DIR (filled-home.html, filled-article.html) for
the Nu HTML Checker (scripts/check-counter-js.sh runs it when vnu.jar is installed).
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, public = sys.argv[1], sys.argv[2]
figures = json.load(open(os.path.join(public, "thong-ke/so-lieu.json"), encoding="utf-8"))
views = json.load(open(os.path.join(public, "thong-ke/luot-xem.json"), encoding="utf-8"))
slugs = sorted(os.listdir(os.path.join(public, "tin")))
failures = []


def expect(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(name)


def group(number):
    return f"{number:,}".replace(",", figures["separator"])


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=vi"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_window_size(1366, 900)


def open_page(path):
    driver.get(base + path)
    # Filled once the figures arrived: the most-read list (there are views) is shown.
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("var l = document.querySelector('.most-read-list'); return l && !l.hidden"))


def save_filled(name):
    html = driver.execute_script("return document.documentElement.outerHTML")
    with open(os.path.join(os.path.dirname(public.rstrip("/")), name), "w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html>\n" + html)


def fetched():
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return new URL(e.name).pathname; })")


def text(selector):
    return driver.execute_script(
        "var e = document.querySelector(arguments[0]); return e ? e.textContent : null", selector)


def shown(selector):
    return driver.execute_script(
        "var e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0", selector)


try:
    expect("the log gave figures", figures.get("available") and figures.get("time") and figures["most_read"],
           json.dumps(figures)[:200])

    open_page("/")
    expect("home: Đang xem", text("[data-counter-field=online_text]") == figures["online_text"] and
           shown("[data-counter-show=online]"), text("[data-counter-field=online_text]"))
    expect("home: Tất cả", text("[data-counter-field=total_text]") == figures["total_text"] and
           shown("[data-counter-show=total]"), text("[data-counter-field=total_text]"))
    expect("home: Số liệu lúc", text("[data-counter-field=time_text]") == figures["time_text"] and
           shown("[data-counter-show=time]"), text("[data-counter-field=time_text]"))
    items = driver.find_elements(By.CSS_SELECTOR, ".most-read-list li")
    listed = [(li.find_element(By.TAG_NAME, "a").get_attribute("href"), li.find_element(By.TAG_NAME, "a").text,
               li.find_element(By.CSS_SELECTOR, "[data-views]").text) for li in items]
    wanted = [(base + entry["url"], entry["title"], entry["views_text"]) for entry in figures["most_read"]]
    expect("home: Tin đọc nhiều lists most_read", listed == wanted, f"{listed} != {wanted}")
    expect("home: the fallback link is hidden once filled", not shown("[data-most-read-link]"))
    save_filled("filled-home.html")
    resources = fetched()
    expect("home: fetches so-lieu.json only", "/thong-ke/so-lieu.json" in resources and
           "/thong-ke/luot-xem.json" not in resources, resources)

    read_slug = slugs[0]
    open_page(f"/tin/{read_slug}/")
    WebDriverWait(driver, 10).until(lambda d: shown(".article-views"))
    key = driver.find_element(By.CSS_SELECTOR, "[data-views-key]").get_attribute("data-views-key")
    expect("article: its key is in the views file", key in views, key)
    expect("article: Lượt xem", text(".article-views [data-views]") == group(views.get(key, -1)),
           f"{text('.article-views [data-views]')} vs {views.get(key)}")
    save_filled("filled-article.html")
    resources = fetched()
    expect("article: fetches both files", "/thong-ke/so-lieu.json" in resources and
           "/thong-ke/luot-xem.json" in resources, resources)

    unread = next(slug for slug in slugs[2:] if os.path.isdir(os.path.join(public, "tin", slug)))
    open_page(f"/tin/{unread}/")
    time.sleep(0.5)   # the views file has arrived by then
    expect("unread article: no Lượt xem", not shown(".article-views"))
finally:
    driver.quit()

print(f"check-counter-js: {'all checks passed' if not failures else str(len(failures)) + ' failed'}")
sys.exit(1 if failures else 0)
