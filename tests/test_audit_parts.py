"""The audit's parts: periods, tallies that merge in any order, and the masking
of excerpts on the example dataset's own names and e-mail addresses."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import random
import re
from pathlib import Path

import pytest
from audit_helpers import feedback_rows

from restorelint.audit.document import Shown, document
from restorelint.audit.excerpts import EMAIL, NAME, excerpt
from restorelint.audit.periods import label_of, period_of
from restorelint.audit.rows import Row
from restorelint.audit.tables import csv_blocks
from restorelint.audit.tally import Tally, merge_all
from restorelint.catalog.rules import default_rules
from restorelint.run.pipeline import Pipeline


@pytest.mark.parametrize(
    ("value", "month", "quarter", "year"),
    [
        ("2024-03-05", "2024-03", "2024-Q1", "2024"),
        ("2025-12-31T23:59:00Z", "2025-12", "2025-Q4", "2025"),
        ("2024-7", "2024-07", "2024-Q3", "2024"),
        (dt.date(2024, 10, 1), "2024-10", "2024-Q4", "2024"),
        (dt.datetime(2025, 4, 2, 9, 30), "2025-04", "2025-Q2", "2025"),
        ("", "unknown", "unknown", "unknown"),
        (float("nan"), "unknown", "unknown", "unknown"),
        ("last Tuesday", "unknown", "unknown", "unknown"),
        ("2024-13-01", "unknown", "unknown", "unknown"),
    ],
)
def test_dates_fall_into_periods(value: object, month: str, quarter: str, year: str) -> None:
    assert [period_of(value, p) for p in ("month", "quarter", "year")] == [month, quarter, year]


def test_group_labels_read_the_same_from_every_format() -> None:
    assert label_of("  Sales   Ops ") == "Sales Ops"
    assert label_of(42.0) == label_of(42) == label_of("42") == "42"
    assert label_of(None) == label_of(float("nan")) == label_of("") == "(none)"


def _row(rng: random.Random) -> Row:
    findings = tuple(
        (f"RL1{rng.randrange(5)}0", rng.choice(["blame", "threat", "suppression"]), "warning", 0, 5)
        for _ in range(rng.randrange(3))
    )
    ease = rng.choice([None, round(rng.uniform(0, 100), 1)])
    return Row(
        findings=findings,
        score=rng.randrange(101),
        present=tuple(rng.sample(["expectation", "dialogue", "support"], rng.randrange(3))),
        words=rng.randrange(1, 80),
        sentences=rng.randrange(1, 6),
        reading_ease=ease,
        grade=None if ease is None else round(rng.uniform(0, 14), 1),
        above_max_grade=rng.random() < 0.1,
        long_sentences=rng.randrange(2),
    )


def test_tallies_merged_in_any_order_and_chunking_give_one_report() -> None:
    rng = random.Random(14)
    rows = [
        (_row(rng), rng.choice("ABC"), f"2024-Q{rng.randrange(1, 5)}", rng.choice("xy"))
        for _ in range(500)
    ]
    shown = Shown(group="team", role="role", date="date", min_group_size=1)
    rules = list(default_rules())
    ids = ["expectation", "dialogue", "support"]

    def report(chunks: list[list[tuple[Row, str, str, str]]]) -> dict[str, object]:
        tallies = []
        for chunk in chunks:
            tally = Tally()
            for row, group, period, role in chunk:
                tally.add(row, group, period, role)
            tallies.append(tally)
        rng.shuffle(tallies)
        return document(merge_all(tallies), shown, rules, ids)

    whole = report([rows])
    for size in (1, 7, 128):
        assert report([rows[i : i + size] for i in range(0, len(rows), size)]) == whole
    summary = whole["summary"]
    assert summary["messages"] == 500  # type: ignore[index]
    # findings of restorelint's own directives (suppression) are not punitive tone
    assert summary["flagged"] == sum(  # type: ignore[index]
        any(f[1] != "suppression" for f in row.findings) for row, *_ in rows
    )


@pytest.fixture(scope="module")
def nlp(linter: Pipeline):  # type: ignore[no-untyped-def]
    return linter.nlp


def test_excerpts_mask_the_datasets_names_and_email_addresses(nlp) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in feedback_rows() if "@" in r["text"] or re.search(r"[a-z] [A-Z]", r["text"])]
    assert len(rows) > 20
    names = {"Gareth", "Pryce", "Camille", "Duarte", "Sofia", "Brennan", "Nadia", "Elliot"}
    for row in rows:
        text = row["text"]
        shown = excerpt(nlp, text, 0, len(text.split(".")[0]), "RL000", "blame")
        assert "@example.com" not in shown.text, shown
        assert not names & set(re.findall(r"\w+", shown.text)), shown
        start, end = shown.highlight
        assert shown.text[start:end].strip()


def test_an_excerpt_keeps_the_point_and_masks_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Thanks for the update. Honestly, Dana Whitfield is careless with reviews; "
        "write to dana.w@example.com or ping @dana. I spoke to Priya on Monday."
    )
    start = text.index("is careless")
    shown = excerpt(nlp, text, start, start + len("is careless"), "RL110", "judgment")
    assert (
        shown.text == f"Honestly, {NAME} is careless with reviews; write to {EMAIL} or ping {NAME}."
    )
    assert shown.text[slice(*shown.highlight)] == "is careless"
    long = "You never test your code " + "and that makes everything late " * 10 + "."
    cut = excerpt(nlp, long, 0, 9, "RL170", "absolute")
    assert cut.text.startswith("You never") and cut.text.endswith("…") and len(cut.text) < 90


def test_csv_blocks_end_only_where_rows_end(tmp_path: Path) -> None:
    rng = random.Random(3)
    texts = ["plain", 'with "quotes"', 'two\nlines and "a quote"', "a,b", ""]
    rows = [["id", "text"]] + [[str(i), rng.choice(texts) * rng.randint(1, 4)] for i in range(800)]
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    data = path.read_bytes()
    for target in (1, 90, 4000, 10**9):
        header, ranges = csv_blocks(path, target)
        assert data[:header] == b"id,text\r\n"
        assert ranges[0][0] == header and ranges[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
        read = [
            row
            for start, end in ranges
            for row in list(csv.reader(io.StringIO((data[:header] + data[start:end]).decode())))[1:]
        ]
        assert read == rows[1:], target
