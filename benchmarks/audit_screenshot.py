"""A screenshot of the HTML audit report of the example dataset, to look at by hand.

    python benchmarks/audit_screenshot.py                 # writes audit-report.png
    python benchmarks/audit_screenshot.py -o /tmp/report.png --width 1100

Runs the installed `restorelint audit` on examples/audit/feedback.csv (as the
README's example does, with two excerpts per category), opens the report in
Debian's Chromium through Playwright with every network request refused, and
saves a full-page PNG. Needs `apt-get install chromium` and the dev install.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("audit-report.png"))
    parser.add_argument("--width", type=int, default=1100)
    args = parser.parse_args()
    browser_path = os.environ.get("RESTORELINT_CHROMIUM") or shutil.which("chromium")
    if browser_path is None:
        raise SystemExit("Chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.html"
        subprocess.run(
            [
                str(Path(sys.executable).parent / "restorelint"),
                "audit",
                str(REPO / "examples/audit/feedback.csv"),
                "--id-column=id",
                "--group-column=team",
                "--role-column=author_role",
                "--date-column=date",
                "--examples=2",
                "--format=html",
                f"--output={report}",
            ],
            check=True,
        )
        blocked: list[str] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 900})

            def only_the_report(route) -> None:  # type: ignore[no-untyped-def]
                if route.request.url == report.as_uri():
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            page.route("**/*", only_the_report)
            page.goto(report.as_uri(), wait_until="load")
            page.screenshot(path=str(args.output), full_page=True)
            browser.close()
    print(f"wrote {args.output}" + (f"; blocked {blocked}" if blocked else "; no request blocked"))


if __name__ == "__main__":
    main()
