"""The page as a user meets it: Debian's chromium, headless, driven by Selenium through
chromedriver, against the app served by uvicorn on localhost."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)

ABSTRACT = (
    "Ataxia-telangiectasia (A-T) is a recessive multi-system disorder caused by mutations in the "
    "ATM gene. Patients with Duchenne muscular dystrophy develop cardiomyopathy."
)


@pytest.fixture
def server(shipped):
    from bilm_tagging.web.app import create_app
    from bilm_tagging.web.serve import serve_in_thread

    with serve_in_thread(create_app([])) as url:
        yield url


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,1000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)  # fmt: skip
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_pasted_text_is_highlighted_as_the_api_tags_it(server, browser, tmp_path):
    import httpx
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/")
    wait = WebDriverWait(browser, 30)
    wait.until(expected_conditions.presence_of_element_located((By.NAME, "model")))
    browser.find_element(By.ID, "text").send_keys(ABSTRACT)
    browser.find_element(By.ID, "tag-button").click()
    wait.until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "entities"))
    marks = browser.find_elements(By.CSS_SELECTOR, "#documents mark.entity")
    shown = [
        (int(m.get_attribute("data-start")), int(m.get_attribute("data-end")),
         m.get_attribute("data-label"), m.text)
        for m in marks
    ]  # fmt: skip
    api = httpx.post(server + "/tag", json={"text": ABSTRACT}).json()
    expected = [
        (e["start"], e["end"], e["label"], e["text"]) for e in api["documents"][0]["entities"]
    ]
    assert shown == expected and len(expected) > 0
    assert "confidence" in marks[0].get_attribute("title")
    rows = browser.find_elements(By.CSS_SELECTOR, "#entities tbody tr")
    assert len(rows) == len(expected)
    assert "error" not in browser.find_element(By.ID, "status").get_attribute("class")
    browser.save_screenshot(str(tmp_path / "page.png"))
    assert (tmp_path / "page.png").stat().st_size > 10_000
