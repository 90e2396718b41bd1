"""The orchestrator: it calls the stages in order, each on what the one before made.

    read → segment → parse → match → context      (the engine)
         → settings → suppressions                 (findings in, findings out)
         → review → suggest → verify               (messages, their rewrites)
         → fix → report                            (run.fixing, run.reporting)

No stage calls another; only this module (and the command line, the API and
the language server through it) strings them together. Reading files is the
caller's first step (``read.sources``), so a library user can hand texts in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from restorelint.catalog.rules import Rule, catalog
from restorelint.catalog.selectors import known_selector
from restorelint.records import Finding, InputError, Segment, Source
from restorelint.run.cache import Cache
from restorelint.run.engine import Engine, Parsed, Progress
from restorelint.run.memo import SegmentMemo
from restorelint.settings.apply import strongest_per_span
from restorelint.settings.resolver import Resolver
from restorelint.settings.suppressions import UNUSED_RULE_ID, suppress

if TYPE_CHECKING:
    from spacy.language import Language

    from restorelint.review.message import FlaggedSentence, MessageReview
    from restorelint.review.settings import ReviewSettings
    from restorelint.suggest.message import MessageReport
    from restorelint.suggest.sentence import Drafted

# The review and suggest stages are imported where they run: a check that
# shows findings only (and a run with nothing to parse) never loads them.

# A rewrite that is flagged again, loses a fact or is not grammatical falls back
# (the category's frame with the sentence's words, then the bare frame).
VERIFY_ROUNDS = 2


@dataclass
class Linted:
    findings: list[Finding]
    parsed: list[Parsed]
    warnings: list[str] = field(default_factory=list)
    # per source, in source order (two sources may share a path: the API's texts)
    per_source: list[list[Finding]] = field(default_factory=list)
    # documents that could not be read (their markup defeated its parser)
    errors: list[InputError] = field(default_factory=list)
    # per source, the parsed stretches that hold its findings (units.EngineResult)
    stretches: list[list[Segment]] = field(default_factory=list)


class Pipeline:
    """The stages, configured once for a run (or for a language server's lifetime)."""

    def __init__(
        self,
        rules: Sequence[Rule],
        resolver: Resolver | None = None,
        *,
        nlp: Language | None = None,
        cache: Cache | None = None,
        jobs: int = 1,
        reuse_results: bool = True,
        prefilter: bool = True,
        report_unused: bool | None = None,
        progress: Progress | None = None,
        memo: SegmentMemo | None = None,
    ) -> None:
        self.rules = list(rules)
        self.resolver = resolver
        self.engine = Engine(
            self.rules,
            nlp,
            tone_threshold=resolver.tone_threshold() if resolver is not None else None,
            prefilter=prefilter,
            cache=cache,
            jobs=jobs,
            reuse_results=reuse_results,
            progress=progress,
            memo=memo,
        )
        self.report_unused = report_unused
        self.by_id = {r.id: r for r in self.rules}

    @property
    def nlp(self) -> Language:
        return self.engine.nlp

    # -- lint: segment → parse → match → context → settings → suppressions ----------

    def lint(self, sources: Sequence[Source], keep_docs: bool = False) -> Linted:
        result = self.engine.run(sources, keep_docs=keep_docs)
        per_source: list[list[Finding]] = []
        warnings: list[str] = []
        # Each source on its own: two texts given the same name keep their own findings.
        for number, (source, found) in enumerate(zip(sources, result.per_source, strict=True)):
            if number in result.errors:
                per_source.append([])
                continue
            if self.resolver is not None:
                found = self.resolver.apply(found)
            suppressed = suppress(found, [source], self._reports_unused, self._known)
            warnings.extend(suppressed.warnings)
            ordered = sorted(suppressed.findings, key=lambda f: (f.start, f.end, f.rule))
            # after the stages, so a rule the configuration ignores cannot hide another
            per_source.append(strongest_per_span(ordered))
        findings = [f for own in per_source for f in own]
        errors = [result.errors[n] for n in sorted(result.errors)]
        return Linted(findings, result.parsed, warnings, per_source, errors, result.stretches)

    def _reports_unused(self, path: str) -> bool:
        if self.report_unused is not None:
            return self.report_unused
        return self.resolver is not None and self.resolver.reports_unused(path)

    def _known(self, selector: str) -> bool:
        return selector.upper() == UNUSED_RULE_ID or known_selector(selector, self.rules)

    # -- review → suggest → verify --------------------------------------------------

    def review(
        self, sources: Sequence[Source], settings: ReviewSettings | None = None
    ) -> tuple[Linted, list[MessageReview]]:
        """Lint keeping every parse, then judge each message from those parses."""
        from restorelint.review.message import review

        linted = self.lint(sources, keep_docs=True)
        unread = {e.path for e in linted.errors}
        kept = [i for i, s in enumerate(sources) if s.path not in unread]  # nothing to judge
        messages = review(
            [sources[i] for i in kept],
            [linted.per_source[i] for i in kept],
            [linted.parsed[i] for i in kept],
            self.nlp,
            settings,
        )
        return linted, messages

    def suggest(self, messages: Sequence[MessageReview]) -> list[MessageReport]:
        """Every flagged sentence rewritten, and every rewrite verified by linting it."""
        from restorelint.suggest.message import MessageReport

        drafts = self.rewrite([(m.path, m.text, m.findings, list(m.sentences)) for m in messages])
        return [
            MessageReport.of(message, [d.rewrite for d in own])
            for message, own in zip(messages, drafts, strict=True)
        ]

    def rewrite(self, jobs: Sequence[Job]) -> list[list[Drafted]]:
        """For each (path, text, findings, flagged sentences): the sentences' rewrites,
        each one verified, falling back where a check fails."""
        from restorelint.suggest.sentence import draft_rewrites, fall_back

        rules = {r.id: r for r in catalog()} | self.by_id
        drafts: list[list[Drafted]] = []
        for (_path, text, findings, _), sentences in zip(
            jobs, _with_docs(jobs, self.nlp), strict=True
        ):
            drafts.append(draft_rewrites(text, findings, sentences, rules))  # type: ignore[arg-type]
        where = [(m, k) for m, own in enumerate(drafts) for k in range(len(own))]
        for _round in range(VERIFY_ROUNDS):
            flagged = self._verify([job[0] for job in jobs], drafts, where)
            if not flagged:
                break
            for m, k in flagged:
                drafts[m][k] = fall_back(drafts[m][k], jobs[m][1], rules)
            # a rewrite that passed is checked again to the same result: only the
            # fallbacks are new
            where = sorted(flagged)
        return drafts

    def _verify(
        self,
        paths: Sequence[str],
        drafts: Sequence[Sequence[Drafted]],
        where: Sequence[tuple[int, int]],
    ) -> set[tuple[int, int]]:
        """Of the rewrites at ``where`` (message, sentence), those that are flagged
        again, lost a fact of the original or are not grammatical (a bare frame is
        only linted)."""
        from restorelint.read.segment import parseable
        from restorelint.suggest.quality import rewrite_problems
        from restorelint.suggest.sentence import BARE

        if not where:
            return set()
        texts = [Source(paths[m], drafts[m][k].rewrite.text) for m, k in where]
        per_text = self.engine.run(texts).per_source
        flagged = set()
        checked: list[tuple[int, int]] = []
        for (m, k), found in zip(where, per_text, strict=True):
            if self.resolver is not None:
                found = self.resolver.apply(found)
            if found:
                flagged.add((m, k))
            elif drafts[m][k].rewrite.level < BARE:
                checked.append((m, k))
        # One pipe for every rewrite's own parse: a call per sentence costs more in
        # spaCy's per-call overhead than the short sentences take to parse.
        # As the engine parses: a lone surrogate from the API is U+FFFD.
        docs = self.nlp.pipe(parseable(drafts[m][k].rewrite.text) for m, k in checked)
        for (m, k), parsed in zip(checked, docs, strict=True):
            drafted = drafts[m][k]
            text = drafted.rewrite.text
            if rewrite_problems(drafted.sentence.doc, drafted.punitive_spans(), text, parsed):
                flagged.add((m, k))
        return flagged

    def messages(
        self, sources: Sequence[Source], settings: ReviewSettings | None = None
    ) -> tuple[Linted, list[MessageReport]]:
        """Lint, review and rewrite: everything ``check --checklist`` and ``rewrite`` show."""
        linted, reviews = self.review(sources, settings)
        return linted, self.suggest(reviews)


def _with_docs(jobs: Sequence[Job], nlp: Language) -> list[list[FlaggedSentence]]:
    """Each job's flagged sentences; one whose parse read other characters than the
    file has (placeholders) is parsed again from its own text, as the engine parses,
    all of them in one pipe."""
    from restorelint.read.segment import parseable

    sentences = [list(job[3]) for job in jobs]
    missing = [
        (m, k) for m, own in enumerate(sentences) for k, s in enumerate(own) if s.doc is None
    ]
    docs = nlp.pipe(parseable(sentences[m][k].text) for m, k in missing)
    for (m, k), doc in zip(missing, docs, strict=True):
        sentences[m][k] = replace(sentences[m][k], doc=doc)
    return sentences


# What a rewrite is made from: a path, its text, its findings, the flagged sentences.
Job = tuple[str, str, Sequence[Finding], Sequence["FlaggedSentence"]]

# A stage for callers that only need findings: lint and nothing else.
Lint = Callable[[Sequence[Source]], list[Finding]]
