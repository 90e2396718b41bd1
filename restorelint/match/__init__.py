"""Match: every rule compiled into spaCy matchers, the python checks, and the
lexical prefilter that says which segments no rule could match."""
