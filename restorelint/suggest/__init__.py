"""Suggest: restorative rewrites, built from the dependency parse of each flagged sentence.

A rewrite keeps the writer's facts (the work, numbers, code, links, names),
drops the punitive frame (the person as the agent of a failure, the trait
label, the threat, the audience), and the message ends with at most one
curiosity question or offer of support. Facts the sentence does not give
become visible ``[placeholders]``; nothing is invented.

How: each finding is handled by its rule's shapes (``suggest.shape`` in the
rule file, tried in order; ``shapes/``). Shapes work on a :class:`Draft` — the
sentence's tokens, rendered from the source text so masked code and names read
as stand-ins survive: the ones that edit words run first (drop an adverb,
sentence-case shouting, ask a clause to become specific), then the ones that
rebuild a clause or the sentence. The verify stage (``run/pipeline.py``) lints
every rewrite again and checks it (``quality.py``); one that fails falls back
to its category's talk-about frame, then to the frame's bare form, shown but
never written into a file.
"""
