"""Run: the orchestrator that strings the stages together (``pipeline``), the engine
that segments, parses, matches and filters (``engine``), whole checks
(``check``), report preparation (``reporting``), the result cache and the
worker processes."""
