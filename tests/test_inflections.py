"""The lemma-at-a-time table gives lemminflect exactly what its whole table holds."""

from __future__ import annotations

import gzip
import random
from collections import Counter

import pytest

lemminflect = pytest.importorskip("lemminflect")

from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec  # noqa: E402
from lemminflect.core.Inflections import Inflections  # noqa: E402

from restorelint.suggest.grammar import inflect  # noqa: E402
from restorelint.suggest.inflections import LemmaTable  # noqa: E402


@pytest.fixture(scope="module")
def whole() -> dict[str, dict[str, tuple[str, ...]]]:
    return InflectionLUCodec.load(Inflections().infl_lu_fn)


@pytest.fixture(scope="module")
def text() -> str:
    with gzip.open(Inflections().infl_lu_fn, "rb") as fh:
        return fh.read().decode()


def test_the_file_is_laid_out_as_the_lookup_reads_it(text: str) -> None:
    # a line is found by its start: lemminflect strips each line before reading it
    lines = text.split("\n")
    assert lines[-1] == ""
    assert all(line == line.strip() and line.count(",") >= 2 for line in lines[:-1])


def test_every_sampled_lemma_reads_as_in_the_whole_table(
    whole: dict[str, dict[str, tuple[str, ...]]], text: str
) -> None:
    table = LemmaTable(text, InflectionLUCodec)
    lemmas = sorted(whole)
    sample = random.Random(15).sample(lemmas, 3000) + lemmas[:50] + lemmas[-50:]
    # the auxiliaries and modals, lemmas given on several lines, and words in no line
    heads = Counter(line.split(",", 1)[0] for line in text.split("\n") if line)
    doubled = sorted(w for w, n in heads.items() if n > 1)
    sample += ["be", "have", "do", "can", "dare", "go", "let", *doubled[:200]]
    sample += ["", "zzzzqx", "go,verb", "Go", "be,"]
    for lemma in sample:
        assert table.get(lemma, {}) == whole.get(lemma, {}), lemma
        assert table.get(lemma, {}) == whole.get(lemma, {}), lemma  # and when asked again


def test_rewriting_inflects_as_lemminflect_does(
    whole: dict[str, dict[str, tuple[str, ...]]], text: str
) -> None:
    from lemminflect import getInflection

    cases = [
        (lemma, tag)
        for lemma in ("be", "have", "do", "go", "test", "let", "review")
        for tag in ("VBD", "VBN", "VBZ", "VBP", "VBG")
    ]
    cases += [("flibbertise", "VBD"), ("Sam", "NNS")]  # not in the table: its rules
    inflections = Inflections()
    before = inflections.__dict__.get("infl_dict")
    try:
        inflections.infl_dict = LemmaTable(text, InflectionLUCodec)
        ours = [inflect(lemma, tag) for lemma, tag in cases]
        inflections.infl_dict = whole  # lemminflect as it is without the lazy table
        assert ours == [inflect(lemma, tag) for lemma, tag in cases]
        assert ours[:3] == [getInflection("be", "VBD")[0], "been", "is"]
    finally:
        if before is None:
            del inflections.infl_dict
        else:
            inflections.infl_dict = before


def test_a_check_reads_the_table_lemma_by_lemma(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a fresh process, rewriting installs the lazy table (else this change
    saves nothing and nobody would notice)."""
    import subprocess
    import sys

    code = (
        "from restorelint.suggest.grammar import inflect\n"
        "from lemminflect.core.Inflections import Inflections\n"
        "from restorelint.suggest.inflections import LemmaTable\n"
        "assert inflect('go', 'VBD') == 'went'\n"
        "assert isinstance(Inflections().infl_dict, LemmaTable)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
