"""The browser check behind scripts/browser-check: every page of a rendered site, in headless Chromium."""
import base64
import glob
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

NARROW = 390


def start_browser(network_log=False):
    """Headless Chromium; with `network_log`, its requests can be read from the "performance" log."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--window-size=1280,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", **({"performance": "ALL"} if network_log else {})})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def screenshot(driver, path, width):
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 8000)")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


EMPTY_FIGURES = """
return Array.from(document.querySelectorAll('svg')).map((svg, i) => {
  const r = svg.getBoundingClientRect();
  return {i: i, label: svg.getAttribute('aria-label') || '', w: r.width, h: r.height};
}).filter(b => !(b.w > 0 && b.h > 0));
"""


def check_page(driver, page, screens):
    problems = []
    name = os.path.splitext(os.path.basename(page))[0]
    url = "file://" + os.path.abspath(page)
    viewport(driver, 1280, 900)
    driver.get(url)
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"console error: {entry.get('message')}")
    for box in driver.execute_script(EMPTY_FIGURES):
        problems.append(f"svg #{box['i']} ({box['label']}) has an empty bounding box {box['w']}×{box['h']}")
    figures = driver.execute_script("return document.querySelectorAll('figure.plot svg').length")
    screenshot(driver, os.path.join(screens, name + ".png"), 1280)
    viewport(driver, NARROW, 844)
    driver.get(url)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    if width > inner:
        wide = driver.execute_script("""
          return Array.from(document.querySelectorAll('body *')).filter(e => {
            if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
            for (let a = e.parentElement; a; a = a.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return false;
            }
            return true;
          }).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));""")
        problems.append(f"page is {width} px wide in a {inner} px viewport (widest: {', '.join(wide)})")
    for box in driver.execute_script(EMPTY_FIGURES):
        problems.append(f"at {NARROW} px, svg #{box['i']} has an empty bounding box")
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"console error at {NARROW} px: {entry.get('message')}")
    screenshot(driver, os.path.join(screens, name + f"-{NARROW}.png"), NARROW)
    return problems, figures


def main():
    site = sys.argv[1] if len(sys.argv) > 1 else "site"
    # template.html is the pages' template, an asset rather than a rendered page.
    pages = sorted(p for p in glob.glob(os.path.join(site, "*.html")) if os.path.basename(p) != "template.html")
    if not pages:
        print(f"browser-check: no rendered pages in {site}/; run scripts/render first", file=sys.stderr)
        return 1
    screens = os.path.join(site, "_screens")
    os.makedirs(screens, exist_ok=True)
    driver = start_browser()
    failures = 0
    try:
        for page in pages:
            problems, figures = check_page(driver, page, screens)
            status = "ok" if not problems else "FAILED"
            print(f"{status:6} {page} ({figures} figure{'s' if figures != 1 else ''})")
            for p in problems:
                print(f"       {p}")
            failures += bool(problems)
    finally:
        driver.quit()
    print(f"browser-check: {len(pages) - failures} of {len(pages)} pages passed; screenshots in {screens}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
