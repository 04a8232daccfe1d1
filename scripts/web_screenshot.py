"""
The tagging page with an abstract tagged by the shipped models, as a PNG (docs/web_page.png):

    .venv/bin/python scripts/web_screenshot.py [OUTPUT.png] [--model NAME ...]

Serves the app in-process, drives Debian's chromium (headless, through chromedriver).
"""

import argparse
import pathlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from bilm_tagging.web.app import create_app
from bilm_tagging.web.browser import headless_chromium
from bilm_tagging.web.serve import serve_in_thread

ROOT = pathlib.Path(__file__).resolve().parent.parent
ABSTRACT = (
    "Cisplatin-induced nephrotoxicity in patients with ovarian cancer.\n"
    "Germline mutations in BRCA1 are responsible for most cases of inherited breast and ovarian "
    "cancer. Ataxia-telangiectasia (A-T) is a recessive multi-system disorder caused by mutations "
    "in the ATM gene. Patients treated with doxorubicin developed cardiomyopathy, and "
    "haloperidol-induced catalepsy was reversed by naloxone."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "docs" / "web_page.png"))
    parser.add_argument("--model", action="append", dest="models", default=[])
    args = parser.parse_args()
    with serve_in_thread(create_app(args.models)) as url:
        with headless_chromium(window_size=(1100, 1250)) as driver:
            driver.get(url + "/")
            wait = WebDriverWait(driver, 60)
            wait.until(expected_conditions.presence_of_element_located((By.NAME, "model")))
            driver.find_element(By.ID, "text").send_keys(ABSTRACT)
            driver.find_element(By.ID, "tag-button").click()
            wait.until(
                expected_conditions.text_to_be_present_in_element((By.ID, "status"), "entities")
            )
            driver.save_screenshot(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
