"""Parse: the spaCy pipeline, loaded once per process, and the token attributes
(who is a person) that patterns and context filters read on its parses."""
