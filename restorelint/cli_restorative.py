"""The restorative half of the command line: the check's message-level options
(checklist and score, readability, --fix/--diff/--unsafe-fixes) and the
``rewrite`` command. Kept beside cli.py so the core commands stay small."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from restorelint.readability import DEFAULT_MAX_GRADE, DEFAULT_MAX_SENTENCE_WORDS
from restorelint.sources import STDIN, InputError, Source

if TYPE_CHECKING:
    from restorelint.engine import Linter
    from restorelint.finding import Finding
    from restorelint.review import MessageReport, Review, ReviewSettings

from restorelint.outcome import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

_OPTIONS = [
    click.option(
        "--fix",
        is_flag=True,
        help="Apply safe fixes to the files (with - : print the fixed text on stdout).",
    ),
    click.option(
        "--diff",
        is_flag=True,
        help="Show the fixes as a unified diff without writing them; exit 1 if there are any.",
    ),
    click.option(
        "--unsafe-fixes",
        is_flag=True,
        help="With --fix or --diff, also apply rewrites that change the wording "
        "(those with no [placeholders] left to fill).",
    ),
    click.option(
        "--min-score",
        type=click.IntRange(0, 100),
        default=None,
        metavar="N",
        help="Fail (exit 1) when a message's restorative score is below N (0-100).",
    ),
    click.option(
        "--max-grade",
        type=click.FloatRange(0, 30),
        default=DEFAULT_MAX_GRADE,
        show_default=True,
        help="Readability hint for messages above this Flesch-Kincaid grade.",
    ),
    click.option(
        "--max-sentence-words",
        type=click.IntRange(5, 500),
        default=DEFAULT_MAX_SENTENCE_WORDS,
        show_default=True,
        help="Readability hint for sentences longer than this many words.",
    ),
    click.option(
        "--strict-readability",
        is_flag=True,
        help="Readability hints fail the check too (exit 1); by default they are hints only.",
    ),
    click.option(
        "--checklist/--no-checklist",
        default=False,
        show_default=True,
        help="Show each message's restorative checklist, score and readability. It needs "
        "a parse of every paragraph, so it is off by default to keep the check fast.",
    ),
]


def restorative_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


@dataclass
class CheckOutcome:
    findings: list[Finding]
    messages: list[MessageReport]
    texts: dict[str, str]
    errors: list[InputError] = field(default_factory=list)
    exit_code: int = EXIT_CLEAN
    report_to_stderr: bool = False
    finished: bool = False  # --diff: the output is already printed
    message_failed: bool = False  # below --min-score, or readability with --strict-readability


def _fail(message: str) -> None:
    click.echo(f"restorelint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _settings(options: dict[str, Any], output_format: str = "text") -> ReviewSettings:
    from restorelint.review import ReviewSettings

    shown = output_format != "text" or options.get("checklist", True)
    return ReviewSettings(
        max_grade=float(options.get("max_grade", DEFAULT_MAX_GRADE)),
        max_sentence_words=int(options.get("max_sentence_words", DEFAULT_MAX_SENTENCE_WORDS)),
        readability=bool(shown or options.get("strict_readability")),
    )


def _review(linter: Linter, sources: Sequence[Source], settings: ReviewSettings) -> Review:
    from restorelint.pipeline import ModelNotInstalled
    from restorelint.review import review
    from restorelint.rules import RuleError

    try:
        return review(linter, sources, settings)
    except (ModelNotInstalled, RuleError) as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def wants_review(options: dict[str, Any]) -> bool:
    """Whether the check must judge whole messages (and so parse every paragraph)."""
    keys = ("fix", "diff", "unsafe_fixes", "strict_readability", "checklist")
    return any(options.get(k) for k in keys) or options.get("min_score") is not None


def run_check(
    sources: list[Source],
    linter: Linter,
    output_format: str,
    options: dict[str, Any],
    stdin_name: str | None = None,
) -> CheckOutcome:
    """Lint, judge each message, apply or show fixes as asked; decide the exit code."""
    from restorelint.review import add_rewrites

    fix, diff, unsafe = options.get("fix"), options.get("diff"), options.get("unsafe_fixes")
    if unsafe and not (fix or diff):
        raise click.UsageError("--unsafe-fixes applies fixes: use it with --fix or --diff")
    settings = _settings(options, output_format)
    result = _review(linter, sources, settings)
    if output_format == "json" or unsafe:
        add_rewrites(result.messages, linter)
    outcome = CheckOutcome(result.findings, result.messages, {s.path: s.text for s in sources})
    if fix or diff:
        outcome = _apply_fixes(
            outcome, sources, linter, settings, bool(diff), bool(unsafe), stdin_name
        )
        if outcome.finished:
            return outcome
    failed = False
    min_score = options.get("min_score")
    if min_score is not None:
        for message in outcome.messages:
            if message.score.value < min_score:
                failed = True
                click.echo(
                    f"restorelint: {message.path}: restorative score {message.score.value} "
                    f"is below --min-score {min_score}",
                    err=True,
                )
    if options.get("strict_readability") and any(m.readability.hints for m in outcome.messages):
        failed = True
    outcome.message_failed = failed
    if not outcome.errors or outcome.exit_code != EXIT_ERROR:
        outcome.exit_code = EXIT_FINDINGS if failed or outcome.findings else EXIT_CLEAN
    if output_format != "json" and not options.get("checklist", True):
        outcome.messages = []
    return outcome


def _apply_fixes(
    outcome: CheckOutcome,
    sources: list[Source],
    linter: Linter,
    settings: ReviewSettings,
    diff: bool,
    unsafe: bool,
    stdin_name: str | None,
) -> CheckOutcome:
    from restorelint.fix import FixError, apply, plan, unified_diff, write_fixed
    from restorelint.review import add_rewrites

    if unsafe:
        add_rewrites(outcome.messages, linter)
    by_path = {m.path: m for m in outcome.messages}
    changed: list[Source] = []
    fixed_count = 0
    diffs: list[str] = []
    errors: list[InputError] = []
    for source in sources:
        own = [f for f in outcome.findings if f.path == source.path]
        message = by_path.get(source.path)
        rewrites = (message.rewrites or []) if message is not None else []
        anchors = message.paragraph_ends if message is not None else None
        edits = plan(source.text, own, rewrites, unsafe=unsafe, anchors=anchors)
        if not edits:
            continue
        new_text = apply(source.text, edits)
        if new_text == source.text:
            continue
        fixed_count += len(edits)
        if diff:
            diffs.append(unified_diff(source.path, source.text, new_text))
            continue
        if source.path == stdin_name:
            changed.append(Source(source.path, new_text))
            continue
        try:
            write_fixed(source.path, source.text, new_text)
        except FixError as exc:
            errors.append(InputError(exc.path, exc.message))
            continue
        changed.append(Source(source.path, new_text))
    if diff:
        click.echo("".join(diffs), nl=False)
        outcome.finished = True
        outcome.exit_code = EXIT_FINDINGS if diffs else EXIT_CLEAN
        return outcome
    for error in errors:
        click.echo(f"restorelint: {error}", err=True)
    stdin_fixed = [s for s in sources if s.path == stdin_name]
    if stdin_fixed:
        new = next((c for c in changed if c.path == stdin_fixed[0].path), stdin_fixed[0])
        click.echo(new.text, nl=False)
        outcome.report_to_stderr = True
    if changed:
        again = _review(linter, changed, settings)
        replaced = {c.path for c in changed}
        outcome.findings = sorted(
            [f for f in outcome.findings if f.path not in replaced] + again.findings,
            key=lambda f: (f.path, f.start, f.rule),
        )
        renewed = {m.path: m for m in again.messages}
        outcome.messages = [renewed.get(m.path, m) for m in outcome.messages]
        outcome.texts.update({c.path: c.text for c in changed})
        if unsafe:
            add_rewrites(outcome.messages, linter)
    if fixed_count:
        files = len({c.path for c in changed})
        click.echo(
            f"restorelint: applied {fixed_count} fix{'es' * (fixed_count != 1)} "
            f"in {files} file{'s' * (files != 1)}",
            err=True,
        )
    outcome.errors = errors
    if errors:
        outcome.exit_code = EXIT_ERROR
    return outcome


# --------------------------------------------------------------------------- rewrite


@click.command(name="rewrite")
@click.argument("path", required=False)
@click.option(
    "--stdin-filename", default="<stdin>", show_default=True, help="Name to report for stdin."
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Highlight the [placeholders] (default: on a terminal).",
)
def rewrite_command(path: str | None, stdin_filename: str, color: bool | None) -> None:
    """Print the message with each flagged sentence replaced by a restorative rewrite.

    Facts the message does not state are left as [placeholders] to fill in
    before sending. A summary (sentences rewritten, placeholders, score
    before and after) goes to stderr. PATH is a file, or - for stdin.
    """
    from restorelint.cli import gather
    from restorelint.engine import Linter
    from restorelint.review import add_rewrites
    from restorelint.rewrite import highlight
    from restorelint.rules import RuleError, default_rules

    if path is None:
        if sys.stdin.isatty():
            raise click.UsageError("give a path, or - to read stdin")
        path = STDIN
    try:
        rules = list(default_rules())
    except RuleError as exc:
        _fail(str(exc))
    sources, errors = gather([path], stdin_filename)
    for error in errors:
        click.echo(f"restorelint: {error}", err=True)
    if len(sources) != 1:
        _fail("rewrite takes one file (or -)" if len(sources) > 1 else "nothing to rewrite")
    source = sources[0]
    if not source.text.strip():
        click.echo(f"restorelint: {source.path}: empty file, nothing to rewrite", err=True)
        return
    linter = Linter(rules)
    result = _review(linter, [source], _settings({"checklist": False}))
    add_rewrites(result.messages, linter)
    message = result.messages[0]
    composed = message.composed()
    use_color = color if color is not None else sys.stdout.isatty()
    out = highlight(composed, use_color)
    click.echo(out, nl=not composed.text.endswith("\n"), color=use_color)
    after = _review(linter, [Source(source.path, composed.text)], _settings({"checklist": False}))
    rewritten = len(message.rewrites or [])
    holes = len(composed.placeholders)
    if not rewritten:
        summary = "nothing flagged; the message is unchanged"
    else:
        summary = (
            f"rewrote {rewritten} sentence{'s' * (rewritten != 1)}; "
            f"{holes} placeholder{'s' * (holes != 1)} to fill in before sending"
        )
    score_after = after.messages[0].score.value if after.messages else message.score.value
    click.echo(
        f"restorelint: {source.path}: {summary}; restorative score "
        f"{message.score.value} → {score_after}",
        err=True,
    )
    if after.findings:
        names = ", ".join(sorted({f.rule for f in after.findings}))
        click.echo(f"restorelint: the rewrite is still flagged ({names})", err=True)
