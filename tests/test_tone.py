"""The tone model (RL800 punitive-tone) as a user meets it: a finding of its own that
names the words that drove it, passes through the context layer, can be ignored or
given a threshold in configuration, and is rebuilt byte for byte from the data."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import run

from restorelint.match import tone
from restorelint.records import Finding

ROOT = Path(__file__).resolve().parent.parent
MODEL_ONLY = "Cut the excuses and do your job."


def _tone(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule == "RL800"]


def test_a_tone_finding_names_its_words_and_suggests_a_rewrite(
    lint: Callable[[str], list[Finding]],
) -> None:
    [finding] = _tone(lint(MODEL_ONLY))
    assert finding.text == MODEL_ONLY
    assert finding.category == "tone"
    assert finding.score is not None and finding.score >= tone.model().threshold
    # the words with most weight are quoted in the message
    assert "“excuses”" in finding.message and "“your job”" in finding.message
    assert "What got in the way?" in finding.suggestion


def test_praise_and_technical_text_get_no_tone_finding(
    lint: Callable[[str], list[Finding]],
) -> None:
    for text in (
        "Thanks for turning the review around so quickly, the new tests caught a real bug.",
        "The nightly job failed again because the disk filled up; I've added an alert.",
        "Kill the stuck worker and get the queue moving again.",
        # praise in the words of a verdict on the person (data/feedback/train-praise)
        "Your attitude is great.",
        "Your work ethic is admirable.",
        "I love your attitude.",
    ):
        assert _tone(lint(text)) == [], text


def test_quoted_and_reported_words_pass_through_the_context_layer(
    lint: Callable[[str], list[Finding]],
) -> None:
    assert _tone(lint(MODEL_ONLY))
    assert _tone(lint(f"> {MODEL_ONLY}\n\nI'm sorry you got that message.")) == []
    assert _tone(lint(f"The old manager used to say “{MODEL_ONLY}”")) == []


def test_a_phrase_owned_by_the_writer_does_not_excuse_a_whole_sentence(
    lint: Callable[[str], list[Finding]],
) -> None:
    # "dumb of me" owns one word; "stay away from me" owns nothing
    text = "Cut the excuses and do your job, and stay away from me."
    assert _tone(lint(text)), text


def test_a_rule_finding_replaces_the_tone_finding_on_the_same_sentence(
    lint: Callable[[str], list[Finding]],
) -> None:
    found = lint("You idiot, spare me the excuses and do your job.")
    assert "RL111" in {f.rule for f in found}
    assert _tone(found) == []


def test_config_sets_the_threshold_and_can_ignore_the_rule(tmp_path: Path) -> None:
    message = tmp_path / "message.txt"
    message.write_text(MODEL_ONLY + "\n", encoding="utf-8")

    def rules_found() -> set[str]:
        result = run(["check", "--format", "json", "--no-cache", str(message)], cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        return {f["rule"] for f in json.loads(result.stdout)["findings"]}

    assert rules_found() == {"RL800"}
    (tmp_path / ".restorelint.toml").write_text("tone-threshold = 0.999\n", encoding="utf-8")
    assert rules_found() == set()
    (tmp_path / ".restorelint.toml").write_text('ignore = ["tone"]\n', encoding="utf-8")
    assert rules_found() == set()


def test_scoring_reads_words_only_and_never_imports_spacy() -> None:
    code = (
        "import sys\n"
        "from restorelint.match import tone\n"
        f"assert tone.score({MODEL_ONLY!r}) >= tone.model().threshold\n"
        "assert 'spacy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.slow
def test_training_rebuilds_the_shipped_model_byte_for_byte(tmp_path: Path) -> None:
    script = ROOT / "training" / "train_tone.py"
    if not script.is_file():
        pytest.skip("the training script is not beside this test")
    out = tmp_path / "tone.json"
    subprocess.run(
        [sys.executable, str(script), "--out", str(out)], check=True, timeout=300, cwd=ROOT
    )
    assert out.read_bytes() == tone.MODEL_FILE.read_bytes()
