"""Warm latency of `restorelint server`: how long after an edit the diagnostics of a
300-word message arrive, driving the real server over stdio as an editor does.

    python benchmarks/lsp_latency.py                 # 50 edits of a 300-word message
    python benchmarks/lsp_latency.py --edits 200 --words 600

The server is started with --debounce-ms 0, so the figure is the check itself
(read the change, lint under the configuration, publish); an editor adds the
debounce (250 ms by default) on top while the writer is typing, and none on
open or save. Each edit changes a word, so no edit repeats an earlier text.
Prints a markdown table; progress goes to stderr. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

# A performance-review comment: restorative paragraphs around punitive ones, so
# that some paragraphs are parsed and flagged and others skipped by the prefilter,
# as in real feedback.
PARAGRAPHS = [
    "Thanks for taking on the payment webhook migration this quarter. The new retry "
    "logic is easier to follow than the old one, and the logging you added helped us "
    "find two real incidents before customers noticed them.",
    "You failed to update the runbook before the release, and obviously this broke the "
    "on-call handover on Friday night. This is your final warning about the runbook.",
    "I want to understand what got in the way. Was the deadline too tight, or was the "
    "review queue blocking you? Let's agree on a checklist together so the next "
    "release goes smoothly for everyone on the rotation.",
    "You never test your code before asking for review, and Sam is careless with the "
    "staging data. cc'ing the whole team so everyone sees what happened here.",
    "For the next quarter I need the runbook updated within a day of each change to "
    "the webhook. I can pair with you on the first two updates, and we can adjust "
    "priorities if the migration work leaves no time for it.",
    "The metrics dashboard you built is already used by three other teams. Please "
    "write a short note on how it is deployed, so that the platform group can take "
    "over its maintenance when you move to the billing project in the spring.",
]


def message(words: int, edit: int, everywhere: bool = False) -> str:
    """The first ``words`` words of the review (repeated if need be), paragraphs
    kept. Edit ``n`` changes one word (``everywhere``: one word in every paragraph,
    as when a whole new message is pasted), so every edit is a new text of the
    same size."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for paragraph in PARAGRAPHS:
            taken = paragraph.split()[: words - count]
            if taken:
                paragraphs.append(" ".join(taken))
                count += len(taken)
    if everywhere and edit:
        paragraphs = [p.replace(" the ", f" {edit} ", 1) for p in paragraphs]
    text = "\n\n".join(paragraphs) + "\n"
    return text.replace("find two real", f"find {edit + 2} real", 1) if edit else text


async def measure(words: int, edits: int) -> dict[str, float | int]:
    workspace = Path(tempfile.mkdtemp(prefix="restorelint-lsp-bench-"))
    uri = (workspace / "review.md").as_uri()
    arrived: dict[int, asyncio.Future[tuple[float, int]]] = {}
    client = LanguageClient("lsp-latency-benchmark", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        future = arrived.get(params.version or 0)
        if future is not None and not future.done():
            future.set_result((time.perf_counter(), len(params.diagnostics)))

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "restorelint", "server", "--debounce-ms", "0")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=workspace.as_uri(), process_id=None
        )
    )
    client.initialized(types.InitializedParams())
    loop = asyncio.get_running_loop()

    async def send(version: int, text: str) -> tuple[float, int]:
        arrived[version] = loop.create_future()
        sent = time.perf_counter()
        if version == 1:
            item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        else:
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        done, found = await asyncio.wait_for(arrived[version], 120)
        return done - sent, found

    first, found = await send(1, message(words, 0))
    first_from_start = time.perf_counter() - started
    version = 1
    figures: dict[str, list[float]] = {"one": [], "every": [], "actions": []}
    for phase, everywhere in (("one", False), ("every", True)):
        for edit in range(1, edits + 1):
            version += 1
            seconds, _ = await send(version, message(words, edit + version, everywhere))
            figures[phase].append(seconds * 1000)
            print(f"{phase} {edit}/{edits}: {seconds * 1000:.1f} ms", file=sys.stderr)
    for edit in range(1, 11):  # a code action right after an edit: rewrites are worked out
        version += 1
        await send(version, message(words, edit + version))
        request = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(2, 0), end=types.Position(2, 10)),
            context=types.CodeActionContext(diagnostics=[]),
        )
        sent = time.perf_counter()
        offered = await client.text_document_code_action_async(request)
        figures["actions"].append((time.perf_counter() - sent) * 1000)
        assert offered, "no code action on the second paragraph's finding"
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    out: dict[str, float | int] = {
        "words": len(message(words, 1).split()),
        "findings": found,
        "edits": edits,
        "first_ms": first * 1000,
        "first_from_start_s": first_from_start,
    }
    for phase, values in figures.items():
        values.sort()
        out[f"{phase}_median"] = statistics.median(values)
        out[f"{phase}_p90"] = values[int(0.9 * (len(values) - 1))]
        out[f"{phase}_max"] = values[-1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    r = asyncio.run(measure(args.words, args.edits))
    print(
        f"`restorelint server`, a {r['words']}-word Markdown message with {r['findings']} findings"
    )
    print()
    print("| measure | median | 90th percentile | slowest |")
    print("| --- | --- | --- | --- |")
    for key, label in (
        ("one", f"diagnostics after a one-word edit ({r['edits']} edits)"),
        ("every", f"diagnostics after every paragraph changed ({r['edits']} edits)"),
        ("actions", "code actions right after an edit (10 requests)"),
    ):
        print(
            f"| {label} | {r[f'{key}_median']:.1f} ms | {r[f'{key}_p90']:.1f} ms "
            f"| {r[f'{key}_max']:.1f} ms |"
        )
    print()
    print(f"First check after start-up: {r['first_ms']:.0f} ms (the model loads meanwhile);")
    print(f"server start to first diagnostics: {r['first_from_start_s']:.1f} s.")


if __name__ == "__main__":
    main()
