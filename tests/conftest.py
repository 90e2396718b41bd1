from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from restorelint.catalog.rules import default_rules
from restorelint.records import Finding, Source
from restorelint.run.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent

# Property tests: a small budget in the default run (the whole suite must stay
# quick on two cores); tests marked slow ask for more themselves.
settings.register_profile(
    "restorelint",
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "restorelint"))

# Tests (and the commands they start) must not read or fill the user's cache.
os.environ["RESTORELINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="restorelint-test-cache-")


@pytest.fixture(scope="session")
def linter() -> Pipeline:
    """One real pipeline for the whole session: loading the model costs ~1 s."""
    return Pipeline(list(default_rules()))


@pytest.fixture(scope="session")
def lint(linter: Pipeline):  # type: ignore[no-untyped-def]
    def run(text: str) -> list[Finding]:
        return linter.lint([Source("<test>", text)]).findings

    return run


def restorelint_command() -> list[str]:
    """The installed console script, as a user would run it."""
    script = Path(sys.executable).parent / "restorelint"
    found = str(script) if script.exists() else shutil.which("restorelint")
    if not found:
        pytest.fail("the restorelint command is not installed in this environment")
    return [found]


@pytest.fixture
def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    env["NO_COLOR"] = "1"
    return env
