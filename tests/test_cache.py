"""The result cache and parallel parsing: they may only save time."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, restorelint_command

from restorelint.records import Source
from restorelint.run import engine
from restorelint.run.cache import Cache
from restorelint.run.pipeline import Pipeline
from restorelint.run.suggestions import with_sentence_rewrites

SECRET = "Priya was careless with the Zanzibar payroll export, and this is your final warning."
SOURCES = [
    Source("review.md", SECRET, "markdown"),
    Source("note.txt", "Thanks for the quick turnaround on the Zanzibar export.", "text"),
]


class NoParsing:
    """Stands in for the model: any attempt to parse fails the test."""

    vocab = None

    def pipe(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged file was parsed again")


def test_unchanged_files_are_not_parsed_again(linter: Pipeline, tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    first = Pipeline(linter.rules, nlp=linter.nlp, cache=cache).lint(SOURCES).findings
    assert {f.rule for f in first} == {"RL110", "RL130"}
    again = Pipeline(linter.rules, nlp=NoParsing(), cache=cache)  # type: ignore[arg-type]
    again.__dict__["compiled"] = None  # compiling needs the model's vocab; it is not needed
    assert again.lint(SOURCES).findings == first


def test_an_edited_file_is_parsed_again(linter: Pipeline, tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    Pipeline(linter.rules, nlp=linter.nlp, cache=cache).lint(SOURCES)
    edited = [Source("review.md", SECRET.replace("careless", "thorough"), "markdown")]
    findings = Pipeline(linter.rules, nlp=linter.nlp, cache=cache).lint(edited).findings
    assert [f.rule for f in findings] == ["RL130"]


def test_the_cache_holds_no_document_text(linter: Pipeline, tmp_path: Path) -> None:
    Pipeline(linter.rules, nlp=linter.nlp, cache=Cache(tmp_path)).lint(SOURCES)
    stored = " ".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.json"))
    assert stored
    # ("careless" is stored: it is rule vocabulary, in the cached prefilter)
    for word in ("Priya", "Zanzibar", "payroll", "turnaround", "careless with the"):
        assert word not in stored


def test_a_corrupt_cache_is_ignored(linter: Pipeline, tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    expected = Pipeline(linter.rules, nlp=linter.nlp, cache=cache).lint(SOURCES).findings
    for entry in tmp_path.rglob("*.json"):
        entry.write_bytes(b"\x00{not json")
    assert Pipeline(linter.rules, nlp=linter.nlp, cache=cache).lint(SOURCES).findings == expected
    (next(tmp_path.rglob("*.json"))).write_text(json.dumps({"format": 1, "value": [["RL999"]]}))
    assert Pipeline(linter.rules, nlp=linter.nlp, cache=cache).lint(SOURCES).findings == expected


def test_an_unwritable_cache_never_fails_a_run(linter: Pipeline, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("", encoding="utf-8")
    findings = (
        Pipeline(linter.rules, nlp=linter.nlp, cache=Cache(blocker / "cache"))
        .lint(SOURCES)
        .findings
    )
    assert {f.rule for f in findings} == {"RL110", "RL130"}


@pytest.mark.slow
def test_concurrent_runs_share_a_cache(tmp_path: Path, cli_env) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "review.md"
    target.write_text(SECRET + "\n", encoding="utf-8")
    env = dict(cli_env, RESTORELINT_CACHE_DIR=str(tmp_path / "cache"))
    command = [*restorelint_command(), "check", "--format", "json", str(target)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env) for _ in range(3)]
    outputs = [run.communicate(timeout=180)[0] for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1]
    assert len({o for o in outputs}) == 1
    assert any((tmp_path / "cache").rglob("*.json"))
    no_cache = dict(cli_env, RESTORELINT_CACHE_DIR=str(tmp_path / "unused"))
    subprocess.run(
        [*command[:-1], "--no-cache", str(target)],
        env=no_cache,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    # --no-cache keeps no result; only the prefilter (rule vocabulary) and the
    # bundled catalog's checked data (catalog.stored) may be stored
    unused = tmp_path / "unused"
    entries = [
        json.loads(p.read_text()) for p in unused.rglob("*.json") if p.parent.name != "catalog"
    ]
    assert all(isinstance(e["value"], dict) and "requirements" in e["value"] for e in entries)
    assert "Zanzibar" not in "".join(p.read_text() for p in unused.rglob("catalog/*.json"))


def test_parallel_parsing_gives_the_serial_output(linter: Pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sources = [
        Source(f"{path.name}:{n}", json.loads(line)["text"])
        for path in sorted((ROOT / "data" / "feedback").glob("legacy-*.jsonl"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    ]
    one = Pipeline(linter.rules, nlp=linter.nlp)
    serial = one.lint(sources)
    monkeypatch.setattr(engine, "PARALLEL_MIN_PARAGRAPHS", 1)
    two = Pipeline(linter.rules, nlp=linter.nlp, jobs=2)
    parallel = two.lint(sources)
    assert parallel.findings == serial.findings
    assert len(serial.findings) > 250
    # the workers send back the parses of the stretches with findings, so the
    # try: lines read them instead of parsing again, and say the same
    shipped = [doc for own in parallel.stretches for _, doc in own]
    assert shipped and all(doc is not None and doc.has_annotation("DEP") for doc in shipped)
    tried = [
        with_sentence_rewrites(pipeline, sources, result.findings, result.stretches)
        for pipeline, result in ((one, serial), (two, parallel))
    ]
    assert [f.suggestion for f in tried[1]] == [f.suggestion for f in tried[0]]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_option_output_is_stable(tmp_path: Path, cli_env, jobs: str) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        (tmp_path / f"r{n}.md").write_text(SECRET + "\n", encoding="utf-8")
    result = subprocess.run(
        [
            *restorelint_command(),
            "check",
            "--no-cache",
            "--jobs",
            jobs,
            "--format",
            "json",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=cli_env,
        check=False,
    )
    paths = [Path(f["path"]).name for f in json.loads(result.stdout)["findings"]]
    assert paths == sorted(paths) and len(paths) == 6


def test_stored_fault_words_are_believed_only_when_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fault words decide whether an excused stretch is judged again on its
    # paragraph: an emptied or edited entry must not stop that
    from restorelint.context import fault_forms, fault_words
    from restorelint.run import guard
    from restorelint.run.cache import digest

    cache = Cache(tmp_path)
    monkeypatch.setattr(guard, "_KEPT", {})
    built = guard.load_fault_forms("rules", cache)
    assert built == fault_forms() and {"mistakes", "outages", "broke"} <= built
    assert cache.get(digest("fault-forms/1", "rules")) == sorted(built)
    for damaged in ([], ["mistake"], [1, 2], "mistake"):
        cache.put(digest("fault-forms/1", "rules"), damaged)
        monkeypatch.setattr(guard, "_KEPT", {})
        assert guard.load_fault_forms("rules", cache) == built
    assert {w.lower() for w in fault_words()} <= built
