#!/usr/bin/env python3
"""Bytes a phone downloads for pages of a built site, measured in headless Chromium (issue #13).

    bench/phone-bytes.py PUBLIC_DIR PATH [PATH...]

Serves PUBLIC_DIR on 127.0.0.1 (Python's http.server: no compression, as a server without gzip would send), opens
each PATH in Chromium emulating a phone 390 CSS px wide, 844 high, device pixel ratio 3 (an iPhone 12 to 15: the
browser picks `srcset` widths for 1170 device pixels), waits until the page has loaded and the network is quiet,
and sums the Resource Timing sizes (`encodedBodySize`, the bytes of each response's body as sent) of the page
and everything it fetched, by kind. Two figures a page: on opening (what is on the first screen, lazy pictures
below it not fetched) and after scrolling to the bottom (every lazy picture fetched). A fresh browser profile for
each page: nothing comes from the cache. PHONE_DPR=2 for a phone of ratio 2.

Chromium and its driver come from apt, Selenium from PyPI, as scripts/a11y.sh installs them.
"""
import functools
import os
import http.server
import sys
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WIDTH, HEIGHT = 390, 844
DPR = float(os.environ.get('PHONE_DPR', '3'))

SUMMARY_JS = """
const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
return entries.map(e => [e.name, e.initiatorType, e.encodedBodySize, e.transferSize]);
"""


def kind(url, initiator):
    path = url.split('?')[0].lower()
    if initiator == 'navigation':
        return 'html'
    for ext, name in (('.webp', 'images'), ('.jpg', 'images'), ('.jpeg', 'images'), ('.png', 'images'),
                      ('.avif', 'images'), ('.svg', 'images'), ('.gif', 'images'), ('.ico', 'images'),
                      ('.css', 'css'), ('.js', 'js'), ('.woff2', 'fonts'), ('.woff', 'fonts'), ('.json', 'data')):
        if path.endswith(ext):
            return name
    return 'other'


def quiet(driver, seconds=0.6, limit=15.0):
    """Waits until no new resource entry appeared for `seconds`."""
    start, last, count = time.time(), time.time(), -1
    while time.time() - start < limit:
        now = driver.execute_script("return performance.getEntriesByType('resource').length")
        if now != count:
            count, last = now, time.time()
        elif time.time() - last >= seconds and driver.execute_script("return document.readyState") == 'complete':
            return
        time.sleep(0.1)


def measure(base, path):
    options = Options()
    options.binary_location = '/usr/bin/chromium'
    for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                     '--disable-background-networking', '--disable-component-update'):
        options.add_argument(argument)
    options.add_experimental_option('mobileEmulation', {
        'deviceMetrics': {'width': WIDTH, 'height': HEIGHT, 'pixelRatio': DPR, 'touch': True},
        'userAgent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) '
                     'Chrome/120.0 Mobile Safari/537.36'})
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
    try:
        driver.execute_cdp_cmd('Network.enable', {})
        driver.execute_cdp_cmd('Network.setCacheDisabled', {'cacheDisabled': True})
        driver.get(base + path)
        driver.execute_script("performance.setResourceTimingBufferSize(10000)")
        quiet(driver)
        opened = driver.execute_script(SUMMARY_JS)
        # Half a screen at a time, letting each step's lazy pictures start, to the (possibly grown) bottom.
        y = 0
        while y < driver.execute_script("return document.documentElement.scrollHeight") + HEIGHT:
            driver.execute_script(f"window.scrollTo(0, {y})")
            quiet(driver, seconds=0.3, limit=5.0)
            y += HEIGHT // 2
        quiet(driver, seconds=1.0)
        scrolled = driver.execute_script(SUMMARY_JS)
    finally:
        driver.quit()
    return opened, scrolled


def totals(entries):
    by_kind, seen = {}, set()
    for url, initiator, body, _transfer in entries:
        if url in seen:
            continue
        seen.add(url)
        name = kind(url, initiator)
        count, size = by_kind.get(name, (0, 0))
        by_kind[name] = (count + 1, size + body)
    return by_kind


def line(label, by_kind):
    total = sum(size for _, size in by_kind.values())
    parts = ', '.join(f"{name} {size / 1024:.0f} KB ({count})" for name, (count, size)
                      in sorted(by_kind.items(), key=lambda item: -item[1][1]))
    return f"  {label:<16} {total / 1024:7.0f} KB  = {parts}"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    site, paths = sys.argv[1], sys.argv[2:]
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"phone: {WIDTH}×{HEIGHT} CSS px, device pixel ratio {DPR:g}, headless Chromium, no cache, no compression")
    try:
        for path in paths:
            opened, scrolled = measure(base, path)
            print(path)
            print(line('on opening', totals(opened)))
            print(line('scrolled to end', totals(scrolled)))
    finally:
        server.shutdown()


if __name__ == '__main__':
    main()
