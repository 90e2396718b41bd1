"""The installed package carries its rule catalog (rules/ is force-included in the wheel)."""

from __future__ import annotations

from pathlib import Path

import pytest

import restorelint
from restorelint.catalog.rules import bundled_rules_dir, default_rules

PACKAGE = Path(restorelint.__file__).resolve().parent
CHECKOUT = Path(__file__).resolve().parent.parent


def test_rules_ship_inside_the_installed_package() -> None:
    if PACKAGE.parent == CHECKOUT:
        pytest.skip("running from the checkout (editable install); .ci/run installs the wheel")
    shipped = PACKAGE / "rules"
    assert bundled_rules_dir() == shipped
    for data in ("_context.yaml", "_checklist.yaml", "_rewrite.yaml"):
        assert (shipped / data).is_file(), data
    assert len(list(shipped.rglob("*.yaml"))) - 3 == len(default_rules()) >= 35
    assert (PACKAGE / "rule.schema.json").is_file()
