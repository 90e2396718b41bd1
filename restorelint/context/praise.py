"""The praise filters: strong words used to recognise someone ("you always come
prepared", "thanks to you the launch went smoothly"), and an audience that hears
someone thanked ("I want to thank Grace in front of the whole team").

The clause the match sits in decides first. An absolute whose clause says
nothing good or bad ("you always split big changes into small PRs") is judged
by the rest of its paragraph: praise when a sentence from its own on says
something good and none says anything bad. Precision first: a bad word anywhere
in the paragraph, thanks only before the habit (a sandwich) or a bare closing
"Thank you." keep the finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import Lexicon
from restorelint.context.speech import matched
from restorelint.parse.syntax import clause, governing_predicate, memo, predicates, subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from restorelint.match.compiled import RawMatch
    from restorelint.records import Segment

# A word straight after these names a channel or a person, not a verdict ("#help").
_NAME_MARKS = ("#", "@")
_COMPLEMENTS = ("acomp", "attr", "oprd")
# Where the filter notes, per doc, the matches it judged by their paragraph.
PARAGRAPH_READ = "praise-paragraph"


def read_paragraph(doc: Doc) -> bool:
    """Did the filter judge a match in this doc by the rest of its paragraph?"""
    return bool(doc.user_data.get("restorelint", {}).get(PARAGRAPH_READ))


def praise(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    positive, negative = lex.words("praise", "positive"), lex.words("praise", "negative")
    flip_words, bigrams = lex.words("praise", "flips"), lex.words("praise", "bigrams")
    own = set(match.tokens)
    # The rule's own function words (you, always) say nothing about praise;
    # its verb does, and so does its complement ("you're constantly late").
    # A leading "Great," is as often sarcasm as praise.
    skip = {i for i in own if doc[i].pos_ != "VERB" and doc[i].dep_ not in _COMPLEMENTS}
    skip.update(memo(doc, "praise-skip", lambda: _unsaid(doc, lex)))
    flips = [doc[i] for i in own if doc[i].lower_ in flip_words]
    anchors = [t.head for t in flips] or matched(match, doc)
    seen: dict[int, Token] = {}
    inner: set[int] = set()  # the clause the absolute itself is in
    for predicate in predicates(anchors):
        inner.update(t.i for t in clause(predicate))
        scopes = [predicate]
        if predicate.dep_ in ("advcl", "relcl", "acl", "ccomp") and predicate.head.i != predicate.i:
            # "Every time Alex trains a new hire, they're confident", "Love
            # that you constantly push for small PRs": the verdict is in the
            # main clause
            scopes.append(governing_predicate(predicate.head))
        for scope in scopes:
            for other in clause(scope):
                if other.i not in skip:
                    seen[other.i] = other
    for i in _circumstances(list(seen.values()), own, lex):
        seen.pop(i, None)  # its subtree may hold words skipped already
        skip.add(i)
    # a noun naming a kind of thing praises nothing ("the contribution guide",
    # "a help ticket")
    verbs = lex.words("praise", "positive_verbs")
    absences = lex.words("praise", "absences")
    goods = [
        t
        for t in seen.values()
        if (
            _forms(t, bigrams) & positive
            or (t.pos_ == "VERB" and t.lemma_.lower() in verbs)
            or _absent(t, negative, absences)
        )
        and t.dep_ != "compound"
    ]
    bads = {
        i
        for i, t in seen.items()
        if _forms(t, bigrams) & negative
        and t.dep_ != "compound"
        and not _absent(t, negative, absences)
    }
    if not flips:
        # "thanks to Ruth, who has never missed a shift": a bad word its own
        # "never" governs is one good
        for t in [seen[i] for i in bads if seen[i].lower_ in flip_words]:
            if t.head.i in bads and t.head.i != t.i:
                bads -= {t.i, t.head.i}
                goods.append(t.head)
    if flips:
        # "never stops looking for improvements", "never leaves a customer
        # without a next step": a word that undoes what follows it is what
        # "never" flips; what it governs is the good it keeps doing
        undoing = {i for i in inner if i in seen and _undoes(seen[i], lex)}
        stopping = {i for i in undoing if seen[i].pos_ != "ADP"}
        if any(_governed_by(seen[i], stopping) for i in bads):
            # "never stops complaining": the bad under it stays bad ("never
            # ships without a rollback plan" is praise all the same)
            return False
        bads |= {i for i in undoing if any(_governed_by(good, {i}) for good in goods)}
    ups, downs = len(goods), len(bads)
    if not ups and not downs:
        # "You always split big changes into small PRs, and this set made
        # reviewing a breeze": the clause is neutral, its paragraph is not
        if match.rule.category not in lex.words("praise", "paragraph_categories"):
            return False
        memo(doc, PARAGRAPH_READ, list).append(match.start)
        return _praising_paragraph(doc, match.start, skip | seen.keys(), lex)
    if flips:
        # Under "never" the polarity flips: "never misses a standup" is praise,
        # "never asks for help" is not, and a good word a bad one governs stays
        # on the bad side ("never loses her patience", "never forgets a patient's name").
        # A good word in the clause around it is the verdict on it
        # ("Recognition note: Sam never hesitates to help").
        free = [t for t in goods if t.i in inner and not _governed_by(t, bads)]
        return downs > 0 and not free
    # A tie goes to praise: "your work on the incident will be reflected in
    # your review, in a good way".
    return ups > 0 and ups >= downs


def recognition(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    """Someone is recognised: the audience hears it ("I want to thank Grace in
    front of the whole team for rescuing the order over the weekend"), a word
    of recognition in the clause the match is in at least as often as a bad
    word; or the match thanks them for something that is not bad ("thanks to
    Imogen for running the installfest")."""
    thanks, negative = lex.words("recognition", "words"), lex.words("praise", "negative")
    bigrams = lex.words("praise", "bigrams")
    own = set(match.tokens)
    reasons = lex.words("recognition", "reasons")
    for token in matched(match, doc):
        if _forms(token, bigrams) & thanks:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in reasons:
                    # "thanks to Imogen for running the installfest", not "for the outage"
                    return not any(_forms(t, bigrams) & negative for t in prep.subtree)
    seen: dict[int, Token] = {}
    for predicate in predicates(matched(match, doc)):
        scopes = [predicate]
        if (
            predicate.dep_ in ("advcl", "relcl", "acl", "ccomp", "xcomp")
            and predicate.head.i != predicate.i
        ):
            scopes.append(governing_predicate(predicate.head))  # "I want to thank Grace …"
        for scope in scopes:
            seen.update((t.i, t) for t in clause(scope) if t.i not in own)
    ups = sum(bool(_forms(t, bigrams) & thanks) for t in seen.values())
    downs = sum(bool(_forms(t, bigrams) & negative) for t in seen.values())
    return ups > 0 and ups >= downs


def _praising_paragraph(doc: Doc, start: int, skip: set[int], lex: Lexicon) -> bool:
    """A good word from the match's sentence on and no bad word in the
    paragraph, but for a bad word a rescue governs ("it has saved us from two
    bad bets")."""
    positive, negative = lex.words("praise", "positive"), lex.words("praise", "negative")
    bigrams, rescues = lex.words("praise", "bigrams"), lex.words("praise", "rescues")
    absences = lex.words("praise", "absences")
    rest = [t for t in doc if t.i not in skip]
    saviours = {t.i for t in rest if t.lemma_.lower() in rescues}
    if any(
        _forms(t, bigrams) & negative
        and not _governed_by(t, saviours)
        and not _absent(t, negative, absences)
        for t in rest
    ):
        return False
    # Thanks before the habit opens a sandwich ("Thanks for the demo. You never
    # test your code."), where recognition does not ("I'm writing to recognise
    # your work. You never let a script through unread."); a verdict without a
    # verb ("Impressive range.", "nice. real nice") is as often sarcasm; and a
    # bare "Thank you." closes a complaint as politely as praise.
    opening = doc[start].sent.start
    thanks = lex.words("praise", "thanks")
    recognising = lex.words("recognition", "words") - thanks
    for token in rest:
        forms = _forms(token, bigrams)
        good = forms & positive or _absent(token, negative, absences)
        if not good or not _has_verb(token.sent):
            continue
        if token.i < opening and not (forms & recognising or _thanks_someone(token, forms, lex)):
            continue
        if forms & thanks and sum(not t.is_punct for t in token.sent) <= 2:
            continue
        return True
    return False


def _thanks_someone(token: Token, forms: set[str], lex: Lexicon) -> bool:
    """ "I want to thank Nadia in front of the department" recognises her; "Thank
    you for the demo" is as often the polite start of a complaint."""
    if not forms & lex.words("praise", "thanks"):
        return False
    return any(
        c.dep_ == "dobj" and c._.rl_person and not c._.rl_you and c.lower_ not in lex.first_person
        for c in token.children
    )


def _undoes(token: Token, lex: Lexicon) -> bool:
    """A word that undoes what it governs: "without", or "stop" with a gerund
    ("stops looking", not "stops to check")."""
    if token.lemma_.lower() not in lex.words("praise", "undoing"):
        return False
    return token.pos_ == "ADP" or any(c.tag_ == "VBG" for c in token.children)


def _absent(token: Token, negative: frozenset[str], absences: frozenset[str]) -> bool:
    """A bad thing said to be absent is a good outcome: "zero incidents", "no
    complaints since March"."""
    return (
        token.pos_ == "NOUN"
        and any(c.dep_ in ("det", "nummod") and c.lower_ in absences for c in token.children)
        and bool({token.lemma_.lower(), token.lower_} & negative)
    )


def _has_verb(sent: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in sent)


def _governed_by(token: Token, heads: set[int], depth: int = 4) -> bool:
    # a few steps up is a phrase ("her patience", "a patient's name"); bounded,
    # so a long chain of heads costs no more than its length
    current = token
    for _ in range(depth):
        if current.head.i == current.i:
            return False
        current = current.head
        if current.i in heads:
            return True
    return False


def _circumstances(tokens: list[Token], own: set[int], lex: Lexicon) -> set[int]:
    """ "You're always around when people are stuck": a "when" clause about
    someone else sets the scene the habit answers; its bad words are not the
    person's."""
    found: set[int] = set()
    markers = lex.words("praise", "circumstances")
    for token in tokens:
        if token.dep_ != "advcl" or not any(
            c.dep_ in ("advmod", "mark") and c.lower_ in markers for c in token.children
        ):
            continue
        inside = {t.i for t in token.subtree}
        subs = subjects(token)
        if inside & own or not subs or any(s._.rl_you for s in subs):
            continue
        if {s.lower_ for s in subs} & {s.lower_ for s in subjects(governing_predicate(token.head))}:
            continue
        found |= inside
    return found


def _unsaid(doc: Doc, lex: Lexicon) -> set[int]:
    """Words that say nothing about the person: interjections, a sentence's
    first word when a comma follows it ("Great, …" is as often sarcasm), channel
    and user names ("#help"), and the clauses where the writer speaks of
    themselves ("the edge cases I forget")."""
    found = {t.i for t in doc if t.dep_ == "intj"}
    found.update(
        t.i for t in doc if t.is_sent_start and t.i + 1 < len(doc) and doc[t.i + 1].text == ","
    )
    found.update(t.i for t in doc if t.i > 0 and doc[t.i - 1].text in _NAME_MARKS)
    for token in doc:
        if token.dep_ in ("relcl", "advcl", "ccomp") and token.pos_ in ("VERB", "AUX"):
            subs = subjects(token)
            if subs and all(s.lower_ in lex.first_person for s in subs):
                found.update(t.i for t in token.subtree)
    return found


def _forms(token: Token, bigrams: frozenset[str]) -> set[str]:
    # a pair is read as one word on its second: "always on time" is praise,
    # "every time" is not, and "clean up after you" is not "clean"
    doc = token.doc
    if token.i + 1 < len(doc) and f"{token.lemma_.lower()} {doc[token.i + 1].lower_}" in bigrams:
        return set()
    forms = {token.lemma_.lower(), token.lower_}
    # the tokenizer cuts "up-to-date" at its hyphens: read whole on its last piece
    first = token.i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_:
        if doc[first - 1].whitespace_:
            break
        first -= 2
    if first < token.i:
        forms.add(doc[first : token.i + 1].text.lower())
    if token.i > 0:
        pair = f"{token.nbor(-1).lemma_.lower()} {token.lower_}"
        if pair in bigrams:
            forms.add(pair.replace(" ", "-"))
    return forms
