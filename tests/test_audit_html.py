"""The HTML audit report in a real browser: it renders offline, with its charts
drawn and nothing fetched and no error on the console."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from audit_helpers import COLUMNS, FEEDBACK, audit
from browser import CHROMIUM_ARGS, chromium
from conftest import ROOT

CHARTS = 5  # categories, trend, heat map, scores, checklist


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "audit.html"
    result = audit(FEEDBACK, *COLUMNS, "--examples=2", "--format=html", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_the_report_is_one_file_that_loads_nothing(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # url(#clip) is a reference inside the file; any other url( would be fetched
    assert not re.search(r"<script|<link|<iframe|<img|<image|@import|url\((?!#)|\bsrc=", html, re.I)
    # the only URLs are XML namespace names, which a browser never fetches
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
    assert html.count('<svg role="img"') == CHARTS


@pytest.mark.slow
def test_the_report_renders_offline_in_chromium(report: Path) -> None:
    browser_path = chromium()
    if browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    url = report.as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url == url else route.abort(),
            )
            page.goto(url, wait_until="load")
            assert page.title() == "restorelint audit: 400 messages"
            assert page.locator("#confidentiality").is_visible()
            assert page.locator("#messages").inner_text() == "400"
            charts = page.locator("svg.chart")
            assert charts.count() == CHARTS
            for number in range(CHARTS):
                chart = charts.nth(number)
                box = chart.bounding_box()
                assert box is not None and box["width"] > 600 and box["height"] > 150
                # bars, lines and heat-map cells are paths; labels stay text
                assert chart.locator("path").count() > 10, chart.get_attribute("aria-label")
                assert chart.locator("text").count() > 5
            heat = page.locator('svg.chart[aria-label^="Heat map"]').text_content() or ""
            assert all(team in heat for team in ("Payments", "Platform", "Support"))
            trend = page.locator('svg.chart[aria-label^="Line chart"]').text_content() or ""
            assert "2024-Q1" in trend and "2025-Q4" in trend
            assert page.locator("#examples ~ ul mark").count() > 0
        finally:
            browser.close()
    assert requests == [url]  # nothing but the report itself
    assert errors == []


def test_the_readmes_example_command_writes_the_html_report(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"\n(restorelint audit examples/audit/feedback\.csv [^`]*?)\n```", readme)
    words = shlex.split(block.replace("\\\n", " "))
    assert words[:2] == ["restorelint", "audit"] and words[-2:] == ["-o", "audit.html"]
    out = tmp_path / "audit.html"
    args = [str(ROOT / w) if w.startswith("examples/") else w for w in words[2:-1]]
    result = audit(*args, out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<h1>Feedback tone audit</h1>" in html and html.count('<svg role="img"') == CHARTS
