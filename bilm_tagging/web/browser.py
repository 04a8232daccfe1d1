"""
A headless chromium driven by Selenium (a development dependency, imported when called): the
page's browser test and `scripts/web_screenshot.py` open the page through it.
"""

import contextlib
import shutil
import tempfile
from typing import Iterator, Tuple

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Quiet and offline: no first-run pages, no updates, no sync, no QUIC to outside hosts.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@contextlib.contextmanager
def headless_chromium(window_size: Tuple[int, int] = (1200, 1000)) -> Iterator:
    """Yields a Selenium `webdriver.Chrome` of Debian's chromium (`apt-get install chromium
    chromium-driver`), with a fresh profile that is removed afterwards; quits it at the end."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory() as profile:
        for flag in FLAGS + (f"--window-size={window_size[0]},{window_size[1]}",):
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            yield driver
        finally:
            driver.quit()
