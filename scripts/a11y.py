#!/usr/bin/env python3
"""axe-core over every page kind of a built site, in headless Chromium (Selenium + Debian's chromedriver).

Usage: scripts/a11y.py BASE_URL AXE_JS
  BASE_URL  where the built site is served, e.g. http://127.0.0.1:8080
  AXE_JS    axe.min.js (shipped by the axe-playwright-python package; scripts/a11y.sh finds it)

Each page is checked at 390 px (a phone) and 1366 px (a laptop) against axe's WCAG 2.0/2.1 A and AA rules and
its best practices. Any serious or critical violation fails the run; moderate and minor ones are printed.
At 320 px (WCAG 1.4.10 reflow) and 683 px (a 1366 px screen zoomed to 200 %, WCAG 1.4.4) no page may scroll
sideways; boxes that scroll inside the page are listed.
Keyboard (WCAG 2.4.3, 2.4.7), on every page at 390 and 1366 px: Tab is pressed until focus comes back round;
every stop must be on screen, show a focus indicator (an outline or a box shadow), and the stops must go
through the page's landmarks in reading order (header, menu, main content, sidebar, footer).
At 390 px the page's length is printed in screens (844 px high), the figure the phone layout is judged by; and
the phone layout is checked (PHONE_LAYOUT): no word of a table cell is split over two lines ("Tha|m dự",
"100|%") and the lead photo is shorter than the screen; at 390 and 1366 px an album's large photo is centred.
"""
import json
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import WebDriverWait

PHONE_HEIGHT = 844
FAILING = {"serious", "critical"}
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def page_kinds(base):
    """One page of each kind, found from the sitemap (so the script follows the site, not a list of slugs)."""
    with urllib.request.urlopen(base + "/sitemap.xml") as response:
        tree = ElementTree.fromstring(response.read())
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [urllib.parse.urlsplit(loc.text).path for loc in tree.findall("s:url/s:loc", namespace)]

    def first(test):
        return next((path for path in paths if test(path)), None)

    parts = lambda path: [part for part in path.split("/") if part]
    article = first(lambda p: p.startswith("/tin/"))
    kinds = [
        ("home", "/"),
        ("article", article),
        ("article with a table", first(lambda p: p.startswith("/tin/") and "chi-tieu-giai-quyet-viec-lam" in p)),
        ("article with a picture", first(lambda p: p.startswith("/tin/") and "phien-giao-dich-viec-lam" in p)),
        ("print view", article and article + "in.html"),
        ("category", first(lambda p: p.startswith("/chuyen-muc/") and len(parts(p)) == 2)),
        ("category page 2", first(lambda p: p.startswith("/chuyen-muc/") and "/trang/" in p)),
        ("tag index", first(lambda p: p == "/the/")),
        ("tag", first(lambda p: p.startswith("/the/") and len(parts(p)) == 2)),
        ("archive index", first(lambda p: p == "/luu-tru/")),
        ("archive year", first(lambda p: p.startswith("/luu-tru/") and len(parts(p)) == 2)),
        ("archive month", first(lambda p: p.startswith("/luu-tru/") and len(parts(p)) == 3)),
        ("static page", first(lambda p: len(parts(p)) == 1 and p not in ("/the/", "/luu-tru/", "/tim-kiem/", "/van-ban/"))),
        ("contact page", first(lambda p: p == "/lien-he/")),
        ("search with results", "/tim-kiem/?q=dan+van"),
        ("404", "/404.html"),
        # Kinds that other work adds; checked as soon as the sitemap lists them.
        ("album index", first(lambda p: p == "/album/")),
        ("album", first(lambda p: p.startswith("/album/") and len(parts(p)) == 2)),
        ("document list", first(lambda p: p == "/van-ban/")),
        ("document list page 2", first(lambda p: p.startswith("/van-ban/trang/"))),
        ("documents of a type", first(lambda p: p.startswith("/van-ban/loai/"))),
        ("documents of a year", first(lambda p: p.startswith("/van-ban/nam/"))),
        ("document", first(lambda p: p.startswith("/van-ban/") and len(parts(p)) == 2 and parts(p)[1] != "trang")),
        # Not in the sitemap; there with a counter: section in site.yml.
        ("statistics page", "/thong-ke/" if exists(base + "/thong-ke/") else None),
    ]
    return [(name, path) for name, path in kinds if path]


def exists(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status == 200
    except OSError:
        return False


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--force-device-scale-factor=1", "--lang=vi"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def load(driver, url, width, height=900):
    driver.set_window_size(width, height)
    # The window's outer size includes no chrome in headless mode, but check what the page sees.
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # The counter's widgets are filled by counter.js once its figures arrived (the list shows with views).
    try:
        WebDriverWait(driver, 5).until(lambda d: d.execute_script(
            "var w = document.querySelector('[data-counter-figures]');"
            "return !w || !w.querySelector('dl').hidden"))
    except TimeoutException:
        print(f"  {url}: the counter's figures did not arrive within 5 s (checked as they are)")
    if "/tim-kiem/?q=" in url:
        # Results are filled in by search.js after it fetched the index.
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return document.querySelectorAll('.search-result').length") > 0)


def run_axe(driver, axe_source):
    driver.execute_script(axe_source)
    options = {"runOnly": {"type": "tag", "values": RULE_TAGS}, "resultTypes": ["violations"]}
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(r.violations), e => done({error: String(e)}));", options)


SIDEWAYS = """
const width = document.documentElement.clientWidth;
const boxes = [];
for (const element of document.querySelectorAll('body *')) {
  const style = getComputedStyle(element);
  if (element.scrollWidth > element.clientWidth + 1 && /(auto|scroll)/.test(style.overflowX)) {
    boxes.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''));
  }
}
return {page: document.documentElement.scrollWidth - width, boxes: boxes, height: document.documentElement.scrollHeight};
"""


# What readers see on a phone. A word split over two lines has a range with two line boxes. An address (with
# "@" or "/") may break to fit its column; a word (a syllable, "100%", "3.200") may not.
PHONE_LAYOUT = """
const problems = [];
for (const cell of document.querySelectorAll('.article-body td, .article-body th')) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const pattern = /\\S+/g;
    let match;
    while ((match = pattern.exec(node.data))) {
      if (/[@\\/]/.test(match[0])) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) problems.push('the word "' + match[0] + '" in a table cell is split over lines');
    }
  }
}
const lead = document.querySelector('.article-figure img');
if (lead && lead.getBoundingClientRect().height > innerHeight) {
  problems.push('the lead photo is ' + Math.round(lead.getBoundingClientRect().height) + ' px high, more than the screen');
}
return problems;
"""

# An album's first large view, opened as its thumbnail's link does, once its (lazy) photo has loaded.
ALBUM_VIEW = """
const view = document.querySelector('.album-view');
if (!view) return null;
location.hash = view.id;
const img = view.querySelector('img');
if (!img.complete || !img.naturalWidth) return 'loading';
const box = img.getBoundingClientRect();
location.hash = '';
return {left: box.left, right: innerWidth - box.right};
"""


def album_view_problems(driver):
    try:
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(ALBUM_VIEW) != "loading")
    except TimeoutException:
        return ["the album's large photo did not load within 10 s"]
    box = driver.execute_script(ALBUM_VIEW)
    if box and abs(box["left"] - box["right"]) > 2:
        return [f"the album's large photo is not centred ({box['left']:.0f} px left, {box['right']:.0f} px right)"]
    return []


# Where the focused element is: its landmark's rank in reading order, whether it can be seen, and whether it
# shows that it has focus. A hidden checkbox (the phone menu's toggle) shows focus on its label.
FOCUS = """
const element = document.activeElement;
if (!element || element === document.body) return null;
// Marked when first reached: reaching a marked element again means focus went all the way round.
const again = element.hasAttribute('data-a11y-stop');
element.setAttribute('data-a11y-stop', '');
const order = ['header.site-header, header.print-header', 'nav.site-nav', 'main', 'aside', 'footer.site-footer'];
let rank = -1;
order.forEach((selector, index) => { if (element.closest(selector)) rank = index; });
const shown = (target) => {
  const style = getComputedStyle(target);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.outlineColor);
  return outline || style.boxShadow !== 'none';
};
const indicator = [element, ...(element.labels || [])].some(shown);
const box = (element.labels && element.labels[0] && getComputedStyle(element).opacity === '0' ? element.labels[0] : element)
  .getBoundingClientRect();
const visible = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
  && box.top < innerHeight && box.left < innerWidth;
const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
  + ' "' + (element.innerText || element.value || element.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
return {rank: rank, visible: visible, indicator: indicator, name: name, again: again};
"""


def keyboard(driver, path, width):
    """Tabs through the page; returns the problems found."""
    problems = []
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    body = driver.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    ranks, stops = [], 0
    for _ in range(400):
        stop = driver.execute_script(FOCUS)
        if stop is None or stop["again"]:
            break
        stops += 1
        if not stop["visible"]:
            problems.append(f"focus on {stop['name']} is off screen or hidden")
        if not stop["indicator"]:
            problems.append(f"focus on {stop['name']} shows no indicator")
        if stop["rank"] >= 0:
            if ranks and stop["rank"] < ranks[-1]:
                problems.append(f"focus goes back to an earlier part of the page at {stop['name']}")
            ranks.append(stop["rank"])
        driver.switch_to.active_element.send_keys(Keys.TAB)
    return stops, problems


def main():
    base, axe_path = sys.argv[1].rstrip("/"), sys.argv[2]
    with open(axe_path, encoding="utf-8") as file:
        axe_source = file.read()
    driver = browser()
    failures = 0
    try:
        for name, path in page_kinds(base):
            url = base + path
            for width in (390, 1366):
                load(driver, url, width)
                violations = run_axe(driver, axe_source)
                if isinstance(violations, dict):
                    print(f"{path} @{width}: axe failed: {violations['error']}")
                    failures += 1
                    continue
                for violation in violations:
                    impact = violation.get("impact") or "minor"
                    bad = impact in FAILING
                    failures += bad
                    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                    print(f"{path} @{width}: {'FAIL' if bad else 'note'} {impact} {violation['id']}: "
                          f"{violation['help']} ({len(violation['nodes'])}: {targets})")
                layout = album_view_problems(driver)
                if width == 390:
                    phone = driver.execute_script(SIDEWAYS)
                    layout += driver.execute_script(PHONE_LAYOUT)
                for problem in layout:
                    failures += 1
                    print(f"{path} @{width}: FAIL layout: {problem}")
                stops, problems = keyboard(driver, path, width)
                failures += len(problems)
                for problem in problems:
                    print(f"{path} @{width}: FAIL keyboard: {problem}")
            for width in (320, 683):
                load(driver, url, width)
                narrow = driver.execute_script(SIDEWAYS)
                if narrow["page"] > 0:
                    failures += 1
                    print(f"{path} @{width}: FAIL the page scrolls sideways by {narrow['page']} px")
                for box in narrow["boxes"]:
                    print(f"{path} @{width}: note {box} scrolls sideways inside the page")
            print(f"checked {name}: {path} ({phone['height'] / PHONE_HEIGHT:.1f} screens long at 390 px, "
                  f"{stops} keyboard stops)")
    finally:
        driver.quit()
    print(f"axe-core: {failures} serious or critical problem{'s' if failures != 1 else ''}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
