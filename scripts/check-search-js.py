#!/usr/bin/env python3
"""assets/search.js in headless Chromium (scripts/check-search-js.sh builds the sample portal with
scripts/search-fixtures/ and serves it). Usage: scripts/check-search-js.py BASE_URL
Searches as a reader would and checks what the page shows:
  - a 10-word query lists first the article holding its last words too, with the matched words marked;
  - a query with a word no article holds still lists the articles with the other words, and names that word;
    a word one letter off ("Tihn") also gets a "Có phải bạn muốn tìm" link with the word put right;
  - more than a page of results: the count, then "Xem thêm kết quả" shows the next ten;
  - JavaScript off: the page says how to search without it.
"""
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base = sys.argv[1]
failures = []


def expect(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(name)


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=vi"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1366, 900)
    return driver


def search(driver, query):
    """Opens the results page of `query` and waits until search.js has said what it found."""
    driver.get(base + "/tim-kiem/?q=" + urllib.parse.quote(query))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "var m = document.querySelector('#tim-kiem-ket-qua .search-message');"
        "var app = document.getElementById('tim-kiem-ket-qua'), m = app.querySelector('.search-message');"
        "return m.textContent && m.textContent !== app.getAttribute('data-msg-loading') &&"
        "  (document.querySelector('.search-result') !== null || !m.textContent.startsWith('Có '))"))


def results(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.search-result')).map(function (r) {"
        "  var a = r.querySelector('h2 a');"
        "  return {title: a.textContent, href: a.getAttribute('href'),"
        "          marks: Array.from(r.querySelectorAll('mark')).map(function (m) { return m.textContent; })}; })")


def text(driver, selector):
    return driver.execute_script(
        "var e = document.querySelector(arguments[0]); return e && !e.hidden ? e.textContent : ''", selector)


driver = browser()
try:
    # Both fixtures hold the first six words; only one the last four (the search used to read six).
    query = "25 hộ cận nghèo Hòa Tịnh làm chuồng trồng cỏ"
    search(driver, query)
    found = results(driver)
    expect("a 10-word query lists its article first", found and "tap-huan-ky-thuat-chan-nuoi" in found[0]["href"],
           [r["href"] for r in found[:3]])
    expect("the words it matched are marked", found and {"Hòa", "Tịnh"} <= set(found[0]["marks"]),
           found[0]["marks"] if found else None)
    expect("no word of it is reported missing", text(driver, ".search-note") == "", text(driver, ".search-note"))

    search(driver, "bò giống Hòa Tịnh Zxqv")
    found = results(driver)
    note = text(driver, ".search-note")
    expect("a word no article holds leaves the articles with the other words",
           found and "ban-giao-25-con-bo-giong" in found[0]["href"], [r["href"] for r in found[:3]])
    expect("the page names the word not found", "Không tìm thấy từ «Zxqv»" in note, note)
    expect("the result count is shown", text(driver, ".search-message").startswith("Có "), text(driver, ".search-message"))

    search(driver, "bò giống Hòa Tihn")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.querySelector('.search-note a') !== null"))
    note = text(driver, ".search-note")
    link = driver.find_element(By.CSS_SELECTOR, ".search-note a")
    expect("a word one letter off is named", "«Tihn»" in note, note)
    expect("and put right in a suggestion", "Có phải bạn muốn tìm" in note and link.text == "bò giống Hòa tinh", note)
    expect("the suggestion searches the word put right",
           urllib.parse.unquote(link.get_attribute("href")).endswith("?q=bò giống Hòa tinh"), link.get_attribute("href"))
    found = results(driver)
    expect("the typo's query still lists the article", any("ban-giao-25-con-bo-giong" in r["href"] for r in found[:3]),
           [r["href"] for r in found[:3]])

    search(driver, "lao động")
    first = len(results(driver))
    driver.find_element(By.CSS_SELECTOR, ".search-more button").click()
    WebDriverWait(driver, 10).until(lambda d: len(results(d)) > first)
    expect("paging: ten results, then ten more", first == 10 and len(results(driver)) == 20, (first, len(results(driver))))
finally:
    driver.quit()

driver = browser(javascript=False)
try:
    driver.get(base + "/tim-kiem/?q=lao+dong")
    body = driver.find_element(By.TAG_NAME, "body").text
    expect("JavaScript off: the page says how to search", "cần trình duyệt bật JavaScript" in body, body[:200])
finally:
    driver.quit()

print(f"{len(failures)} failed" if failures else "search.js in Chromium: all passed")
sys.exit(1 if failures else 0)
