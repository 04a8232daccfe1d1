"""The page as a user meets it: Debian's chromium, headless, driven by Selenium through
chromedriver, against the app served by uvicorn on localhost."""

import os

import pytest

from bilm_tagging.web.browser import CHROMEDRIVER, CHROMIUM, headless_chromium

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
def browser():
    with headless_chromium() as driver:
        yield driver


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
