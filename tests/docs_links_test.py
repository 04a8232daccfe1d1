"""Every relative link of the README and docs/ names a file that is there, and a heading of it
where it names one (GitHub's anchors), so a reader following one lands where it says."""

import re
import urllib.parse
from collections import Counter
from typing import List, Set

import pytest

from tests.conftest import ROOT

DOCUMENTS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+)$")


def anchors(text: str) -> Set[str]:
    """GitHub's anchors of the Markdown headings in `text`: lower case, punctuation dropped,
    spaces as hyphens, "-1", "-2" ... after repeats; fenced code is not read."""
    found: Set[str] = set()
    seen: Counter = Counter()
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        heading = not fenced and HEADING.match(line)
        if heading:
            words = re.sub(r"`|\*\*|\[|\]\([^)]*\)", "", heading.group(1)).strip().lower()
            slug = re.sub(r"[^\w\- ]", "", words).replace(" ", "-")
            found.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
            seen[slug] += 1
    return found


def test_anchors_follow_githubs_rules():
    text = "# A title\n## Table 2: P / R (2026-12-07)\n```\n# not a heading\n```\n## A title\n"
    assert anchors(text) == {"a-title", "table-2-p--r-2026-12-07", "a-title-1"}


def relative_links(document) -> List[str]:
    links = LINK.findall(document.read_text())
    return [link for link in links if not re.match(r"[a-z]+:", link)]  # http:, mailto: ...


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_relative_link_lands(document):
    broken = []
    for link in relative_links(document):
        path, _, anchor = urllib.parse.unquote(link).partition("#")
        target = (document.parent / path).resolve() if path else document
        if not target.exists():
            broken.append(f"{link}: no {path}")
        elif anchor and target.suffix == ".md" and anchor not in anchors(target.read_text()):
            broken.append(f"{link}: no heading #{anchor} in {target.name}")
    assert not broken, f"{document.name}: " + "; ".join(broken)
