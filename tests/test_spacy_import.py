"""The parse imports spaCy without its command line (``parse.model``): a cold start
that parses must not pay for typer and spaCy's project tools, and spaCy must
stay whole for whatever the process does next."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_a_parse_does_not_import_spacys_command_line() -> None:
    code = (
        "import sys\n"
        "from restorelint.parse.model import load_pipeline\n"
        "doc = load_pipeline()('Sam was careless again.')\n"
        "assert [t.lemma_ for t in doc][:2] == ['Sam', 'be'], [t.lemma_ for t in doc]\n"
        "assert doc[0].dep_ == 'nsubj'\n"
        "assert 'typer' not in sys.modules and 'spacy.cli' not in sys.modules\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr


def test_spacys_command_line_still_imports_afterwards() -> None:
    code = (
        "from restorelint.parse.model import load_pipeline\n"
        "load_pipeline()\n"
        "import spacy\n"
        "import spacy.cli\n"
        "from spacy.cli.info import info as real\n"
        "assert callable(spacy.cli.download) and callable(real)\n"
        "assert isinstance(spacy.info(markdown=False, silent=True), dict)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
