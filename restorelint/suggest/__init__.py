"""Suggest: restorative rewrites, built from the dependency parse of each flagged sentence.

A rewrite keeps the writer's facts (objects, times, places, the standard),
drops the punitive frame (the person as the agent of a failure, the trait
label, the threat), and ends its paragraph with one curiosity question or
offer of support. Facts the sentence does not contain become visible
``[placeholders]``; nothing is invented.

How: every finding in a sentence is handled by its category's *shape*. Shapes
work on a :class:`Draft` — the sentence's tokens, rendered from the source
text so masked code survives — in three phases, so that several findings in
one sentence combine into one rewrite:

1. marks: token edits (drop "obviously", sentence-case a shouted span, drop
   "per my last email,"; an absolute asks its clause to become specific);
2. clauses: restructure one clause each ("you failed to update the docs" →
   "the docs weren't updated");
3. leftover clause requests from phase 1 are applied to untouched clauses.

A shape that cannot fit the parse gives up, and the sentence falls back to
its category's template (``rules/_rewrite.yaml``), which is all placeholders
and questions. The verify stage lints every rewrite again; a rewrite that is itself
flagged is replaced by the template.
"""
