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

from restorelint.catalog.lexicon import load_lexicon
from restorelint.read.mapping import Mapped, apply_edits, blank

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

# Comments and control tags (blanked), then placeholders (replaced). Order matters:
# the first alternative that matches at a position wins.
_DOUBLE = re.compile(
    r"""
    (?P<comment>
        \{\#.*?\#\}                                  # Jinja / Django / Liquid comment
      | \{\{!--.*?--\}\} | \{\{![^}]*\}\}            # Handlebars / Mustache comment
      | \{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}   # Liquid / Django block comment
    )
  | (?P<control>
        \{%.*?%\}                                    # Jinja / Django / Liquid tag
      | \{\{~?\s*[\#/^>]\s*.*?\}\}                   # Handlebars block, inverse, partial
      | \{\{~?-?\s*(?:else|end|if|range|with|define|block|template|unless)\b.*?\}\}
    )
  | (?P<placeholder>
        \{\{\{.*?\}\}\}                              # unescaped Handlebars
      | \{\{.*?\}\}                                  # expression
    )
    """,
    re.S | re.X,
)
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
    # to be a person (templates in feedback and HR letters mostly name people).
    holders = load_lexicon().placeholders
    if words & holders.number_words:
        return holders.number
    if words & holders.date_words:
        return holders.date
    return holders.person


def to_view(view: Mapped, *, single: bool = True) -> Mapped:
    """The template read as prose; ``single`` also reads ``{name}``/``$name`` placeholders."""
    text = view.text
    edits: list[tuple[int, int, str]] = []
    for match in _DOUBLE.finditer(text):
        start, end = match.span()
        if match.lastgroup == "placeholder":
            edits.append((start, end, stand_in(match.group(0))))
        else:
            edits.append((start, end, blank(match.group(0))))
    if single:
        taken = [(s, e) for s, e, _ in edits]
        for match in _SINGLE.finditer(text):
            start, end = match.span()
            if not any(s < end and start < e for s, e in taken):
                edits.append((start, end, stand_in(match.group(0))))
    if not edits:
        return view
    return apply_edits(text, sorted(edits)).through(view)
