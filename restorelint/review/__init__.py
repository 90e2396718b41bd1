"""Review: each message judged as a whole, from the parses the engine made — the
restorative checklist and score, readability, and the sentences to rewrite."""
