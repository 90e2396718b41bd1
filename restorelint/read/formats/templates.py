"""Templates: Jinja/Django, Handlebars/Mustache, Liquid, Go and ``{name}`` /
``${name}`` / ``$name`` placeholders.

A template is read as the text its readers will get. Control tags (``{% if %}``,
``{{#each}}``, ``{{/each}}``) and comments are blanked: they are structure, not
prose. A placeholder is replaced by a stand-in of the kind of words it will
become — a person's name for most, so that "{{ employee_name }} is lazy" still
parses as a judgment about a person — and a finding on the stand-in points at
the whole placeholder in the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from restorelint.catalog.lexicon import load_lexicon
from restorelint.read.mapping import Mapped, apply_edits, blank
from restorelint.read.scan import NextFinder, NextMatch, skip_overlapping

NAME = "template"
SUFFIXES = (
    ".j2",
    ".jinja",
    ".jinja2",
    ".hbs",
    ".handlebars",
    ".mustache",
    ".liquid",
    ".tmpl",
    ".tpl",
)
# How each kind of template writes a comment its readers never see (the
# suppression directive's home in a template; see settings.suppressions).
COMMENTS = {
    **dict.fromkeys((".j2", ".jinja", ".jinja2"), ("{# ", " #}")),
    **dict.fromkeys((".hbs", ".handlebars", ".mustache"), ("{{! ", " }}")),
    ".liquid": ("{% comment %}", "{% endcomment %}"),
    **dict.fromkeys((".tmpl", ".tpl"), ("{{/* ", " */}}")),  # Go's text/template
}
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

# Tags are found by a scanner, not one regular expression: ``\{\{.*?\}\}`` tries
# again from every "{{" when there is no "}}", which costs the square of the
# text's length. At each opener the kinds are tried in this order, and the
# first that closes wins: comments, control tags, then placeholders.
_OPENER = re.compile(r"\{[{%#]")
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}")
_LIQUID_END = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_BLOCK = re.compile(r"\{\{~?\s*[\#/^>]")  # Handlebars block, inverse, partial
_KEYWORD = re.compile(r"\{\{~?-?\s*(?:else|end|if|range|with|define|block|template|unless)\b")
COMMENT, CONTROL, PLACEHOLDER = "comment", "control", "placeholder"
_SINGLE = re.compile(
    r"""
    (?P<placeholder>
        \$\{[^{}\n]{1,80}\}                          # ${name}
      | (?<![\w$\\{])\{[A-Za-z_][\w.]{0,60}\}(?!\})  # {name}
      | (?<![\w$\\])\$[A-Za-z_]\w{0,60}              # $name
    )
    """,
    re.X,
)
_NAME = re.compile(r"[A-Za-z_][\w]*")
_DOUBLE_MARKERS = ("{{", "{%", "{#")


def has_template_tags(text: str) -> bool:
    """Does the text hold Jinja/Django/Handlebars/Liquid delimiters?"""
    return any(marker in text for marker in _DOUBLE_MARKERS)


def stand_in(placeholder: str) -> str:
    """The words a placeholder is read as (what kind of thing its name says it holds)."""
    inner = placeholder.strip("{}$&~- \t\n")
    inner = inner.split("|", 1)[0]  # Jinja/Liquid filters
    names = _NAME.findall(inner)
    words = {w.lower() for w in _NAME_WORDS.findall(names[-1] if names else "")}
    # Stand-ins by what a placeholder's name says it holds; anything else is taken
    # to be a person (templates in feedback and HR letters mostly name people),
    # but not a project, system or site: "{{ system_name }} is unreliable" judges
    # no one.
    holders = load_lexicon().placeholders
    if words & holders.number_words:
        return holders.number
    if words & holders.date_words:
        return holders.date
    if words & holders.thing_words:
        return holders.thing
    return holders.person


class _Closers:
    def __init__(self, text: str) -> None:
        self.text = text
        self._finders = {c: NextFinder(text, c) for c in ("#}", "--}}", "}}}", "}}", "%}", "}")}
        self._liquid_end = NextMatch(text, _LIQUID_END)

    def after(self, closer: str, at: int) -> int:
        """The end of the next ``closer`` at or after ``at``, or -1."""
        found = self._finders[closer].find(at)
        return found + len(closer) if found >= 0 else -1

    def tag(self, i: int) -> tuple[int, str] | None:
        """The end and kind of the tag that opens at ``i``, if it closes."""
        text, after = self.text, self.after
        candidates: list[tuple[str, Callable[[], int]]] = []
        if text.startswith("{#", i):
            candidates.append((COMMENT, lambda: after("#}", i + 2)))
        if text.startswith("{{!--", i):
            candidates.append((COMMENT, lambda: after("--}}", i + 5)))
        if text.startswith("{{!", i):
            candidates.append((COMMENT, lambda: self._bang_comment(i)))
        if text.startswith("{%", i):
            opened = _LIQUID_COMMENT.match(text, i)
            if opened:
                candidates.append((COMMENT, lambda o=opened: self._liquid(o.end())))
            candidates.append((CONTROL, lambda: after("%}", i + 2)))
        if text.startswith("{{", i):
            for pattern in (_BLOCK, _KEYWORD):
                opened = pattern.match(text, i)
                if opened:
                    candidates.append((CONTROL, lambda o=opened: after("}}", o.end())))
            if text.startswith("{{{", i):
                candidates.append((PLACEHOLDER, lambda: after("}}}", i + 3)))
            candidates.append((PLACEHOLDER, lambda: after("}}", i + 2)))
        for kind, end in candidates:
            found = end()
            if found >= 0:
                return found, kind
        return None

    def _bang_comment(self, i: int) -> int:
        # {{! … }} with no "}" inside
        brace = self._finders["}"].find(i + 3)
        return brace + 2 if brace >= 0 and self.text.startswith("}}", brace) else -1

    def _liquid(self, at: int) -> int:
        end = self._liquid_end.search(at)
        return end.end() if end is not None else -1


def tags(text: str) -> Iterator[tuple[int, int, str]]:
    """Every Jinja/Django/Handlebars/Liquid tag: (start, end, kind), leftmost first."""
    closers = _Closers(text)
    at = 0
    while (opener := _OPENER.search(text, at)) is not None:
        found = closers.tag(opener.start())
        if found is None:
            at = opener.start() + 1
            continue
        yield opener.start(), found[0], found[1]
        at = found[0]


def only_tags(text: str) -> bool:
    """Is the text nothing but control tags and comments (and blanks): markup the
    reader blanked, no words and no placeholder?"""
    cursor = 0
    for start, end, kind in tags(text):
        if kind == PLACEHOLDER or text[cursor:start].strip():
            return False
        cursor = end
    return not text[cursor:].strip()


def to_view(view: Mapped, *, single: bool = True) -> Mapped:
    """The template read as prose; ``single`` also reads ``{name}``/``$name`` placeholders."""
    text = view.text
    edits: list[tuple[int, int, str]] = []
    for start, end, kind in tags(text):
        original = text[start:end]
        edits.append((start, end, stand_in(original) if kind == PLACEHOLDER else blank(original)))
    if single:
        taken = [(s, e) for s, e, _ in edits]
        spans = (m.span() for m in _SINGLE.finditer(text))
        for start, end in skip_overlapping(spans, taken):
            edits.append((start, end, stand_in(text[start:end])))
    if not edits:
        return view
    return apply_edits(text, sorted(edits)).through(view)
