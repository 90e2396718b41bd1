"""The installed package carries its rule catalog (rules/ is force-included in the wheel)
and the tone model the build trained."""

from __future__ import annotations

from pathlib import Path

import pytest

import restorelint
from restorelint.catalog.load import bundled_rules_dir
from restorelint.catalog.rules import catalog

PACKAGE = Path(restorelint.__file__).resolve().parent
CHECKOUT = Path(__file__).resolve().parent.parent


def test_rules_ship_inside_the_installed_package() -> None:
    if PACKAGE.parent == CHECKOUT:
        pytest.skip("running from the checkout (editable install); .ci/run installs the wheel")
    shipped = PACKAGE / "rules"
    assert bundled_rules_dir() == shipped
    for data in ("_context.yaml", "_checklist.yaml", "_rewrite.yaml"):
        assert (shipped / data).is_file(), data
    assert len(list(shipped.rglob("*.yaml"))) - 3 == len(catalog()) >= 35
    for name in ("rule", "context", "rewrite", "checklist"):
        assert (PACKAGE / "catalog" / "schemas" / f"{name}.schema.json").is_file(), name


def test_the_tone_model_ships_inside_the_installed_package() -> None:
    from restorelint.match import tone

    if PACKAGE.parent == CHECKOUT:
        pytest.skip("running from the checkout (editable install); .ci/run installs the wheel")
    assert tone.MODEL_FILE.is_relative_to(PACKAGE)
    model = tone.model()
    assert len(model.weights) > 1000
    assert tone.score("Cut the excuses and do your job.") >= model.threshold
    assert tone.score("Thanks, the new tests caught a real bug.") < model.threshold
