"""Output formats for CI: SARIF, GitHub annotations, JUnit XML, colour, and --fail-on."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT
from helpers import clean_env, run, run_on_terminal

from restorelint.catalog.rules import default_rules
from restorelint.report.github import escape_data, escape_property
from restorelint.version import __version__

PUNITIVE = "You failed to update the docs before the release. This is your final warning.\n"
CLEAN = "The docs weren't updated before the release. What got in the way?\n"
SCHEMA_LOCATIONS = (
    ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json",
    Path("/work/shared/schemas/sarif-schema-2.1.0.json"),
)


# --- SARIF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One SARIF log exercising every kind of location: a file under the working
    directory, a file outside it, stdin, an unreadable input, and a baseline."""
    work = tmp_path_factory.mktemp("sarif")
    (work / "reviews").mkdir()
    (work / "reviews" / "q3.md").write_text("Intro.\n\n" + PUNITIVE, encoding="utf-8")
    (work / "clean.md").write_text(CLEAN, encoding="utf-8")
    outside = ROOT / "examples" / "review-comment.md"
    empty = work / "empty-baseline.json"
    made = run(["baseline", "clean.md", "-o", str(empty)], cwd=work)
    assert made.returncode == 0, made.stderr
    result = run(
        [
            "check",
            "--format",
            "sarif",
            "--baseline",
            str(empty),
            "reviews",
            "clean.md",
            str(outside),
            "-",
            "missing.md",
        ],
        stdin="Sam is lazy.\n",
        cwd=work,
    )
    assert result.returncode == 2, result.stderr  # missing.md fails the run
    json_result = run(["check", "--format", "json", "reviews"], cwd=work)
    return {
        "log": json.loads(result.stdout),
        "json": json.loads(json_result.stdout),
        "work": work,
        "outside": outside,
    }


def test_sarif_validates_against_the_official_schema(sarif_run) -> None:  # type: ignore[no-untyped-def]
    schema_path = next((p for p in SCHEMA_LOCATIONS if p.is_file()), None)
    if schema_path is None:
        pytest.skip("the SARIF 2.1.0 schema is not beside this checkout (../shared/schemas)")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(sarif_run["log"])
    ]
    assert not errors, "\n".join(errors)


def test_sarif_describes_every_rule_from_its_yaml(sarif_run) -> None:  # type: ignore[no-untyped-def]
    log = sarif_run["log"]
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "restorelint" and driver["version"] == __version__
    described = {d["id"]: d for d in driver["rules"]}
    for rule in default_rules():
        descriptor = described[rule.id]
        assert descriptor["name"] == rule.name
        assert descriptor["fullDescription"]["text"] == rule.why
        assert "{text}" not in descriptor["shortDescription"]["text"]
        help_text, help_md = descriptor["help"]["text"], descriptor["help"]["markdown"]
        assert rule.suggestion in help_text and rule.suggestion in help_md
        for example in rule.flag_examples:
            assert example.text in help_text and example.rewrite in help_md
        level = descriptor["defaultConfiguration"]["level"]
        assert level == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert rule.category in descriptor["properties"]["tags"]


def test_sarif_results_point_at_the_findings(sarif_run) -> None:  # type: ignore[no-untyped-def]
    (run_,) = sarif_run["log"]["runs"]
    work: Path = sarif_run["work"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.resolve().as_uri() + "/"
    rule_ids = [d["id"] for d in run_["tool"]["driver"]["rules"]]
    by_uri: dict[str, list[dict]] = {}
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["baselineState"] == "new"
        ((key, value),) = result["partialFingerprints"].items()
        assert key == "restorelint/v1" and re.fullmatch(r"[0-9a-f]{16}:1", value)
        location = result["locations"][0]["physicalLocation"]
        by_uri.setdefault(location["artifactLocation"]["uri"], []).append(result)

    # A file under the working directory: relative to %SRCROOT%, same positions as JSON.
    in_repo = by_uri["reviews/q3.md"]
    expected = sarif_run["json"]["findings"]
    assert [r["ruleId"] for r in in_repo] == [f["rule"] for f in expected] == ["RL101", "RL130"]
    for result, finding in zip(in_repo, expected, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == (
            "%SRCROOT%"
        )
        assert (
            region["startLine"],
            region["startColumn"],
            region["endLine"],
            region["endColumn"],
        ) == (finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        assert region["snippet"]["text"] == finding["text"]
        assert result["message"]["text"].startswith(finding["message"])
        assert finding["suggestion"] in result["message"]["text"]
    assert in_repo[0]["level"] == "warning" and in_repo[1]["level"] == "error"

    # Outside the working directory: an absolute file URI; stdin: its name, encoded.
    outside = sarif_run["outside"].resolve().as_uri()
    assert (
        outside in by_uri
        and "uriBaseId"
        not in (by_uri[outside][0]["locations"][0]["physicalLocation"]["artifactLocation"])
    )
    assert [r["ruleId"] for r in by_uri["%3Cstdin%3E"]] == ["RL110"]
    assert "clean.md" not in by_uri

    (notification,) = run_["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "no such file or directory"
    where = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where["uri"] == "missing.md"


def _fingerprints_and_lines(text: str, tmp_path: Path) -> list[tuple[str, int]]:
    target = tmp_path / "review.md"
    target.write_text(text, encoding="utf-8")
    result = run(["check", "--format", "sarif", "review.md"], cwd=tmp_path)
    (run_,) = json.loads(result.stdout)["runs"]
    return [
        (
            r["partialFingerprints"]["restorelint/v1"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run_["results"]
    ]


@pytest.mark.slow
def test_sarif_fingerprints_follow_a_sentence_when_lines_move(tmp_path: Path) -> None:
    before = _fingerprints_and_lines("Summary.\n\n" + PUNITIVE + "\nSam is lazy.\n", tmp_path)
    after = _fingerprints_and_lines(
        "# Review\n\nNew opening paragraph about the quarter.\n\nSam is lazy.\n\nSummary.\n\n"
        + PUNITIVE,
        tmp_path,
    )
    assert [line for _, line in before] != [line for _, line in after]
    assert sorted(p for p, _ in before) == sorted(p for p, _ in after)


# --- GitHub annotations ----------------------------------------------------------------


def test_github_escaping_follows_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("dir: a,b%\n") == "dir%3A a%2Cb%25%0A"


_ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(value: str) -> str:
    for code, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def _annotations(output: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for line in output.splitlines():
        match = _ANNOTATION.match(line)
        if match:
            props = dict(p.split("=", 1) for p in match.group(2).split(","))
            found.append(
                (match.group(1), {k: _unescape(v) for k, v in props.items()}, match.group(3))
            )
    return found


@pytest.mark.slow
def test_github_annotations_are_the_default_under_github_actions(tmp_path: Path) -> None:
    name = "q3, draft: v2.md"  # a comma and a colon must be escaped in the file property
    (tmp_path / name).write_text(
        "Obviously you should rebase.\n\nHonestly, you\nfailed to update the docs.\n"
        "This is your final warning.\n",
        encoding="utf-8",
    )
    result = run(["check", name], env=clean_env(GITHUB_ACTIONS="true"), cwd=tmp_path)
    assert result.returncode == 1
    annotations = _annotations(result.stdout)
    assert [(kind, props["title"].split()[0]) for kind, props, _ in annotations] == [
        ("notice", "RL150"),
        ("warning", "RL101"),
        ("error", "RL130"),
    ]
    assert len(annotations) == len(result.stdout.splitlines()) - 1  # plus one summary line
    notice, multiline, error = annotations
    assert all(props["file"] == name for _, props, _ in annotations)
    assert (notice[1]["line"], notice[1]["col"], notice[1]["endColumn"]) == ("1", "1", "10")
    # Columns are only allowed on single-line annotations.
    assert (multiline[1]["line"], multiline[1]["endLine"]) == ("3", "4")
    assert "col" not in multiline[1] and "endColumn" not in multiline[1]
    message = _unescape(error[2])
    assert message.startswith("“final warning” threatens") and "\nTry: " in message
    assert "\n" not in error[2] and "%0A" in error[2]

    text = run(
        ["check", "--format", "text", name], env=clean_env(GITHUB_ACTIONS="true"), cwd=tmp_path
    )
    assert not _annotations(text.stdout) and "try:" in text.stdout


def test_outside_github_actions_the_default_is_text(tmp_path: Path) -> None:
    (tmp_path / "msg.md").write_text(PUNITIVE, encoding="utf-8")
    result = run(["check", "msg.md"], env=clean_env(GITHUB_ACTIONS="false"), cwd=tmp_path)
    assert not _annotations(result.stdout) and "msg.md:1:1: warning RL101" in result.stdout


# --- JUnit XML -------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_a_failure_per_finding(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text(PUNITIVE + "Sam is lazy. \x1b[31m\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(CLEAN, encoding="utf-8")
    result = run(["check", "--format", "junit", "bad.md", "good.md", "gone.md"], cwd=tmp_path)
    assert result.returncode == 2  # gone.md does not exist
    root = ET.fromstring(result.stdout.encode("utf-8"))  # well-formed despite the ESC byte
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"bad.md", "good.md", "gone.md"}
    failures = suites["bad.md"].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["RL101", "RL130", "RL110"]
    assert failures[0].get("message") == "“You failed” names the person as the cause of a failure."
    assert "try:" in (failures[0].text or "") and "bad.md:1:1" in (failures[0].text or "")
    (good,) = suites["good.md"].findall("testcase")
    assert list(good) == []  # a passing test case
    (error,) = suites["gone.md"].findall("testcase/error")
    assert error.get("message") == "no such file or directory"


# --- colour ----------------------------------------------------------------------------


ANSI = "\x1b["


@pytest.fixture(scope="module")
def colour_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("colour")
    (work / "msg.md").write_text(PUNITIVE, encoding="utf-8")
    return work


def test_text_is_coloured_on_a_terminal_only(colour_dir: Path) -> None:
    on_terminal = run_on_terminal(["check", "msg.md"], clean_env(), colour_dir)
    assert ANSI in on_terminal and "RL101" in on_terminal
    piped = run(["check", "msg.md"], env=clean_env(), cwd=colour_dir)
    assert ANSI not in piped.stdout and "RL101" in piped.stdout


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {"NO_COLOR": "1"}, False),
        ([], {"NO_COLOR": ""}, True),  # only a non-empty NO_COLOR counts
        (["--no-color"], {}, False),
        (["--color"], {"NO_COLOR": "1"}, True),  # an explicit flag wins
    ],
)
def test_no_color_and_flags_on_a_terminal(
    colour_dir: Path, args: list[str], env: dict[str, str], coloured: bool
) -> None:
    output = run_on_terminal(["check", *args, "msg.md"], clean_env(**env), colour_dir)
    assert "RL101" in output
    assert (ANSI in output) is coloured


def test_color_flag_forces_colour_into_a_pipe(colour_dir: Path) -> None:
    result = run(["check", "--color", "msg.md"], env=clean_env(), cwd=colour_dir)
    assert ANSI in result.stdout


# --- --fail-on -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fail_on", "code", "rule"),
    [
        ("Obviously you should rebase.\n", "info", 1, "RL150"),
        ("Obviously you should rebase.\n", "warning", 0, "RL150"),
        ("You failed to update the docs.\n", "warning", 1, "RL101"),
        ("You failed to update the docs.\n", "error", 0, "RL101"),
        ("Sam is lazy.\n", "error", 1, "RL110"),
    ],
)
def test_fail_on_sets_the_exit_code_and_still_reports(
    text: str, fail_on: str, code: int, rule: str
) -> None:
    result = run(["check", "--fail-on", fail_on, "-"], stdin=text)
    assert result.returncode == code, result.stdout + result.stderr
    assert rule in result.stdout  # below the threshold, still reported


def test_default_fails_on_any_finding_and_bad_threshold_is_a_usage_error() -> None:
    assert run(["check", "-"], stdin="Obviously you should rebase.\n").returncode == 1
    bad = run(["check", "--fail-on", "fatal", "-"], stdin=CLEAN)
    assert bad.returncode == 2 and "fatal" in bad.stderr
