"""Which sentences of a reply are stated to the customer, and which are bare lists of terms.

Content earns full credit only inside a stated sentence: one with a verb whose words mostly
sit in clauses rather than in comma-separated fragments, or a short courtesy ("So sorry about
this."). "Sorry, known incident, engineers working, 11:30, which domain" states nothing, and
nor does a reply written in notes, with hardly an article, pronoun or auxiliary in it.
Parts of speech come from TextBlob's PatternTagger, which ships its lexicon and runs offline.
"""

from __future__ import annotations

import gc
import re
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from .strategies import IMPERATIVE_VERBS
from .text import Analysis, Token

# Punctuation that separates the parts of a sentence (a list's items, a fragment).
# A slash pauses only between spaces: "w/in", "and/or" and "EUR/NOK" are words, not a list.
_PAUSE = re.compile(r"[,;:()\[\]\u2013\u2014\u2192|=]|\s/\s|\s--?\s|->|=>")
# Arrows (and slashes between spaces): between menu items or steps they lead somewhere
# ("Contacts -> Import history", "print again -> pick PellPrint"); between statements they
# make notes ("name mismatch -> names don't match -> money is safe", "reminders update
# automatically / no need to rebuild / DST handled").
_ARROW = re.compile(r"->|=>|\u2192|\s/\s")
_NOTE_ARROWS = 2
_MENU_ITEM_WORDS = 3
_PARTICIPLE_TAGS = frozenset(["VBG", "VBN"])
_FINITE_TAGS = frozenset(["VBZ", "VBP", "VBD", "MD"])
_ELIDED_SUBJECT_TAGS = frozenset(["VBZ", "VBD"])
_FINITE = frozenset(
    "am is are was were do does did have has had will would can could shall should may might "
    "must get gets got".split()
)
# "its" as chat writers type "it's": before an article, adverb, participle or preposition.
_ITS_AS_IT_IS = frozenset(["DT", "RB", "VBG", "VBN", "IN", "CD"])
_SUBJECT_TAGS = frozenset("PRP NN NNS NNP NNPS DT EX WP WDT CD".split())
# Words before an order's verb: "then restart", "please send", "just click".
_OPENER_TAGS = frozenset(["RB", "CC", "UH"])
_ORDER_VERB_TAGS = frozenset(["VB", "VBP"])
# Verbs of support instructions the tagger reads as nouns when lower case ("click Run").
_ORDER_VERBS = IMPERATIVE_VERBS | frozenset(
    "set leave press pick tap hit enable disable switch drag scroll paste save restore swap "
    "replace rename move".split()
)
_OBJECT_TAGS = frozenset("DT PRP PRP$ IN NN NNS NNP CD RP RB JJ".split())
_NOUN_TAGS = frozenset(["NN", "NNS"])
# A subject and the phrase that renames it, each set off by a comma, before their verb.
_APPOSITIVES = 2
_NOUN_PHRASE_TAGS = frozenset("NN NNS NNP NNPS PRP$ DT JJ POS".split())
_VERB_PHRASE_TAGS = frozenset(["IN", "TO", "RB"])
# Verbs of what systems and messages do, which the tagger reads as nouns after a noun.
_VERBS_OF_STATE = _ORDER_VERBS | frozenset(
    "shift flow work run sync arrive bounce fail stay start load appear return land expire "
    "renew drop fire reach resume".split()
)
# After "we", "it" or "they" comes the verb, whatever the tagger says ("it points to").
_SUBJECT_PRONOUNS = frozenset("i we you they he she it".split())
_NOT_VERB_TAGS = frozenset("IN TO CC DT RB , . : CD PRP PRP$ WDT WP".split())
_VERB_OBJECT_TAGS = frozenset("IN TO DT PRP PRP$ RB EX CD JJ".split())
_LINK_TAGS = frozenset("IN TO CC WDT WP WRB DT".split())
_FUNCTION_TAGS = frozenset("DT PRP PRP$ IN TO CC MD WDT WP WP$ WRB EX PDT RP".split())
_AUXILIARIES = frozenset(
    "am is are was were be been being do does did have has had will would can could shall "
    "should may might must get got".split()
)
# Words a short sentence of pure courtesy is made of: "So sorry!", "Thanks a lot, Anna."
_COURTESY = frozenset(
    "sorry thank thanks you so very much really a lot apologies again oh no hi hello hey dear "
    "ok okay sure of course absolutely certainly welcome cheers great perfect good morning "
    "afternoon evening all the best regards kind understood noted mr mrs ms dr sincerely "
    "team support question job brilliant nice well done".split()
)
# Words of a part that only addresses the customer or answers yes or no ("Sorry, Greg, no,
# nothing to redo"): it is neither a clause nor an item of a list.
_ASIDE_WORDS = _COURTESY | frozenset("yes no yeah yep nope right".split())
# Words that open a courteous phrase, which counts as a clause of its sentence.
_COURTESY_OPENERS = frozenset("sorry thanks thank hi hello hey dear apologies".split())
# A courtesy may name up to this many people or companies ("Kind regards, PipeCRM Support").
_NAMES = 3
# Tags a verb at the start of an order can get when written in lower case ("print your
# document", "press the Input button"): such a word followed by a determiner is the verb.
_ORDER_TAGS = frozenset(["NN", "NNS", "NNP", "JJ"])
_ORDER_OBJECT_TAGS = frozenset(["DT", "PRP$", "PRP"])
# A fragment of a sentence reads as a clause with this many words and this share of
# function words ("for the downtime", "with all shops expected back by 11:30").
_CLAUSE_WORDS = 3
_CLAUSE_FUNCTION_SHARE = 0.3
# A stated sentence keeps at least this share of its words in clauses, and a long one at least
# this share of function words (a keyword soup has almost none).
_STATED_SHARE = 0.5
# A sentence of this many parts is a list unless at least `_STATED_SHARE` of them are clauses.
_LIST_PARTS = 4
# ... or when its parts are this short on average ("renewal failed, new card, 30 minutes").
_LIST_PART_WORDS = 3.5
# The items of a list a clause announces with a colon are phrases this long on average.
_ITEM_WORDS = 4
_LONG_SENTENCE = 10
_MIN_FUNCTION_SHARE = 0.12
# A reply of this many words or more with less than this share of function words in all is
# written in notes ("Apology. Shop safe -> Recycle Bin (7 days). Restore ~20 min."): none of
# its sentences is stated, however many verbs its notes hold. Chosen on the tuning halves of
# the gaming sets: 9 more stuffed replies fail there, no good one (at 0.20, one good reply).
_REPLY_WORDS = 12
_REPLY_FUNCTION_SHARE = 0.18
# A participle alone makes a clause in a part this long ("keeping bid work on the team drive"),
# not in a fragment ("engineers working").
_PARTICIPLE_CLAUSE_WORDS = 4
# Bars between a sentence's parts make it a row of a table or a list of terms ("status
# Returned | 30 May run | money not lost"), however many of its parts hold a verb.
_TABLE_BARS = 2
# A reply of this many lines or more, each a bulleted or numbered item, is notes. None of the
# 3,517 good replies of the dev sets is one; 73 stuffed replies are.
_ITEM_LINES = 3
_ITEM_LINE = re.compile(r"\s*(?:[-*\u2022]|\d+[.)])\s")
# ... and so is one whose lines, greetings and signatures of a few words aside, are three in
# four or more fields of a form: a label of a few words, a colon, and a value of at most
# `_FIELD_WORDS` words ("Read back: 020 7946 0321", "Timing: within 2 business days"). 68
# stuffed replies of the dev sets, no good one (whose labelled lines go on in sentences:
# "banner: it's published but the start date is 1 July, so it stays hidden until tomorrow").
_FIELD_LINE = re.compile(r"\s*(?:[-*\u2022]\s*)?[A-Za-z][\w /&'-]{0,24}:\s+(.*)")
_FIELD_WORDS = 12
_FIELD_SHARE = 0.75
_ADDRESS_WORDS = 3
# A reply with at least this share of its words in sentences of at most `_NOTE_WORDS` words is
# notes too: 73 stuffed replies of the dev sets, no good one.
_NOTE_WORDS = 4
_SHORT_NOTES_SHARE = 0.5


def stated_sentences(analysis: Analysis) -> frozenset[int]:
    """Indexes of the sentences that are stated (see the module's docstring); none in a reply
    written in notes."""
    tokens = analysis.tokens
    if not tokens or _only_items(analysis.text) or _in_short_notes(analysis):
        return frozenset()
    words = tuple(token.word for token in tokens)
    tags = _orders(tokens, _tags(words))
    if len(words) >= _REPLY_WORDS and _function_share(words, tags) < _REPLY_FUNCTION_SHARE:
        return frozenset()
    return frozenset(
        sentence
        for sentence, indexes in analysis.sentences.items()
        if _is_stated(
            tokens[indexes[0] : indexes[-1] + 1], tags[indexes[0] : indexes[-1] + 1], analysis.text
        )
    )


def _only_items(text: str) -> bool:
    """Whether every line of the reply is an item of a list, or nearly every line a field of a
    form, with not one line of prose to the customer around them: notes, however the items are
    worded."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < _ITEM_LINES:
        return False
    if all(_ITEM_LINE.match(line) for line in lines):
        return True
    body = [line for line in lines if len(line.split()) > _ADDRESS_WORDS]
    fields = sum(_is_field(line) for line in body)
    return len(body) >= _ITEM_LINES and fields >= _FIELD_SHARE * len(body)


def _is_field(line: str) -> bool:
    match = _FIELD_LINE.match(line)
    return match is not None and len(match.group(1).split()) <= _FIELD_WORDS


def _in_short_notes(analysis: Analysis) -> bool:
    """Whether at least half the reply's words sit in sentences of a few words each ("Archived,
    not deleted. All 2,100 still there. Contacts > Segments > Archived. Restore."): notes."""
    sizes = [len(indexes) for indexes in analysis.sentences.values()]
    total = sum(sizes)
    short = sum(size for size in sizes if size <= _NOTE_WORDS)
    return total >= _REPLY_WORDS and short >= _SHORT_NOTES_SHARE * total


def stated_share(analysis: Analysis, stated: frozenset[int]) -> float:
    """The share of the reply's words that sit in stated sentences (1.0 for no words).
    Numbers standing alone (list numbers, a phone number on its own line) do not count."""
    words = [token for token in analysis.tokens if not token.word[:1].isdigit()]
    if not words:
        return 1.0
    return sum(token.sentence in stated for token in words) / len(words)


def _orders(tokens: Sequence[Token], tags: tuple[str, ...]) -> tuple[str, ...]:
    """The tags with the opening verb of an order marked as a verb (see _ORDER_TAGS)."""
    result = list(tags)
    for index in range(len(tokens) - 1):
        opens = tokens[index].starts_sentence or (
            index
            and tags[index - 1] in ("RB", "CC", ",")
            and tokens[index - 1].clause != tokens[index - 2].clause
            if index > 1
            else False
        )
        if opens and tags[index] in _ORDER_TAGS and tags[index + 1] in _ORDER_OBJECT_TAGS:
            result[index] = "VB"
    return tuple(result)


def _is_stated(tokens: Sequence[Token], tags: Sequence[str], text: str) -> bool:
    if text.count("|", tokens[0].start, tokens[-1].end) >= _TABLE_BARS:
        return False
    words = [token.word for token in tokens]
    names = [token for token in tokens if token.word not in _COURTESY]
    if len(names) <= _NAMES and all(text[token.start].isupper() for token in names):
        return True
    if len(words) >= _LONG_SENTENCE and _function_share(words, tags) < _MIN_FUNCTION_SHARE:
        return False
    parts = list(_parts(tokens, text))
    predicates = [_is_predicate(words[start:end], tags[start:end]) for start, end in parts]
    after_arrow = _after_arrow(tokens, text, parts)
    if _arrows_join_statements(after_arrow, parts, predicates, words, tags):
        return False
    joined = _menu_paths_joined(parts, predicates, after_arrow, words, tags)
    if joined != parts:
        parts = joined
        predicates = [_is_predicate(words[start:end], tags[start:end]) for start, end in parts]
    if not any(predicates):
        return len(parts) <= 2 and _is_phrase(words, tags)
    subjects = _subjects_set_off(parts, predicates, words, tags)
    asides = _asides(tokens, text, parts)
    clauses = [
        (start, end)
        for index, ((start, end), predicate) in enumerate(zip(parts, predicates, strict=True))
        if predicate
        or index in subjects
        or _is_continuation(words[start:end], tags[start:end])
        or _is_participle_phrase(words, tags, start, end)
        or _is_courtesy_phrase(words[start:end], tags[start:end])
    ]
    announced = _announced_list(tokens, tags, text, parts, predicates)
    counted = len(words) - sum(end - start for start, end in asides)
    clauses = [part for part in clauses if part not in asides]
    if announced:
        clauses = sorted({*clauses, *announced})
        return sum(end - start for start, end in clauses) >= _STATED_SHARE * counted
    items = len(parts) - len(asides)
    if len(parts) >= _LIST_PARTS and (
        (items >= _LIST_PARTS and len(clauses) < _STATED_SHARE * items)
        or counted < _LIST_PART_WORDS * items
    ):
        return False
    return sum(end - start for start, end in clauses) >= _STATED_SHARE * counted


def _asides(
    tokens: Sequence[Token], text: str, parts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts that only address the customer, answer yes or no, number an item or add a
    remark in brackets ("Sorry, Greg, direct answers: 1) no, ...", "(30 minutes a month)"):
    courtesies, a list number, a name among the sentence's opening courtesies, a bracket."""
    asides = []
    opening = True
    for start, end in parts:
        named = opening and end - start == 1 and text[tokens[start].start].isupper()
        if named or all(_is_aside_word(token, text) for token in tokens[start:end]):
            asides.append((start, end))
        else:
            opening = False
            if _bracketed(tokens, text, start, end):
                asides.append((start, end))
    return asides


def _bracketed(tokens: Sequence[Token], text: str, start: int, end: int) -> bool:
    """Whether the part stands inside brackets within its sentence, alone or as one item of a
    list in them ("your traffic sources (site URLs, placements, screenshots) into the form")."""
    first = max(0, tokens[0].start - 1)
    last = min(len(text), tokens[-1].end + 1)
    opening = text.rfind("(", first, tokens[start].start)
    if opening < 0 or ")" in text[opening : tokens[start].start]:
        return False
    closing = text.find(")", tokens[end - 1].end, last)
    return closing >= 0 and "(" not in text[tokens[end - 1].end : closing]


def _is_aside_word(token: Token, text: str) -> bool:
    """A courtesy, a yes or no, or a list number ("1)")."""
    return token.word in _ASIDE_WORDS or (
        token.word.isdigit() and text[token.end : token.end + 1] in (")", ".")
    )


def _subjects_set_off(
    parts: list[tuple[int, int]], predicates: list[bool], words: Sequence[str], tags: Sequence[str]
) -> frozenset[int]:
    """The noun phrases a comma sets off before the verb they are the subject of: "Tom Reyes,
    ur account manager, asks the advertiser" is one clause, not a list."""
    subjects: set[int] = set()
    for index, (start, _) in enumerate(parts):
        if not (predicates[index] and (tags[start] in _FINITE_TAGS or words[start] in _FINITE)):
            continue
        before = index - 1
        while before >= 0 and index - before <= _APPOSITIVES and not predicates[before]:
            first, last = parts[before]
            if not all(tag in _NOUN_PHRASE_TAGS for tag in tags[first:last]):
                break
            subjects.add(before)
            before -= 1
    return frozenset(subjects)


def _after_arrow(
    tokens: Sequence[Token], text: str, parts: list[tuple[int, int]]
) -> frozenset[int]:
    """Indexes of the parts an arrow leads to."""
    return frozenset(
        index
        for index, (start, _) in enumerate(parts)
        if start and _ARROW.search(text, tokens[start - 1].end, tokens[start].start)
    )


def _arrows_join_statements(
    after_arrow: frozenset[int],
    parts: list[tuple[int, int]],
    predicates: list[bool],
    words: Sequence[str],
    tags: Sequence[str],
) -> bool:
    """Whether `_NOTE_ARROWS` arrows or more chain the sentence and one of them leads to a
    statement rather than to a menu item or a step (see _ARROW)."""
    return len(after_arrow) >= _NOTE_ARROWS and any(
        predicates[index] and not _is_order(words[start:end], tags[start:end])
        for index in after_arrow
        for start, end in [parts[index]]
    )


def _menu_paths_joined(
    parts: list[tuple[int, int]],
    predicates: list[bool],
    after_arrow: frozenset[int],
    words: Sequence[str],
    tags: Sequence[str],
) -> list[tuple[int, int]]:
    """The parts with each menu item an order leads through joined to the order: "open
    Contacts -> Import history -> Undo import" is one order. An item is a short part that
    states nothing; after anything but an order, arrows make notes (see _ARROW)."""
    joined: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(parts):
        item = index in after_arrow and end - start <= _MENU_ITEM_WORDS and not predicates[index]
        if joined and item and _is_order(words[joined[-1][0] : end], tags[joined[-1][0] : end]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _is_order(words: Sequence[str], tags: Sequence[str]) -> bool:
    """A part that opens (after "then", "and", "please"...) with the verb of an order."""
    first = next(
        (i for i, tag in enumerate(tags) if tag not in _OPENER_TAGS and words[i] != "please"), 0
    )
    return _orders_at(words, tags, first)


def _orders_at(words: Sequence[str], tags: Sequence[str], index: int) -> bool:
    """Whether the word at `index` is the verb of an order: one of support's order verbs, or a
    base form followed by its object."""
    after = tags[index + 1] if index + 1 < len(tags) else ""
    return words[index] in _ORDER_VERBS or (
        tags[index] in _ORDER_VERB_TAGS and after in _OBJECT_TAGS
    )


def _announced_list(
    tokens: Sequence[Token],
    tags: Sequence[str],
    text: str,
    parts: list[tuple[int, int]],
    predicates: list[bool],
) -> list[tuple[int, int]]:
    """The items of a list that a clause or phrase announces with a colon ("happy to email you
    a recap: use case added to FR-1187, product review on 25 July"), when they are phrases of
    `_ITEM_WORDS` words on average, not bare terms; else nothing."""
    words = [token.word for token in tokens]
    for index, ((start, end), predicate) in enumerate(zip(parts, predicates, strict=True)):
        following = parts[index + 1 :]
        if not following or end >= len(tokens):
            continue
        if not predicate and not _is_phrase(words[start:end], tags[start:end]):
            continue
        if ":" not in text[tokens[end - 1].end : tokens[end].start]:
            continue
        items = sum(last - first for first, last in following)
        return following if items >= _ITEM_WORDS * len(following) else []
    return []


def _parts(tokens: Sequence[Token], text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the parts of a sentence between commas, colons, dashes and brackets."""
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or _PAUSE.search(text, tokens[index - 1].end, tokens[index].start):
            yield start, index
            start = index


def _verb_read_as_noun(word: str, tag: str, after: str) -> bool:
    """A present-tense verb the tagger reads as a noun, before the phrase that follows it
    ("reminders shift to 09:00", "mail flows again by 12:10")."""
    return (
        tag in _NOUN_TAGS
        and after in _VERB_PHRASE_TAGS
        and (word in _VERBS_OF_STATE or word.removesuffix("s") in _VERBS_OF_STATE)
    )


def _is_predicate(words: Sequence[str], tags: Sequence[str]) -> bool:
    """A part that says something: a verb with its subject before it ("our engineers are
    working", "it points to", "you receive"), a finite verb before its subject in a question
    ("could you tell me"), or an order opening with its verb ("then restart the router")."""
    # Chat writers leave the subject out: "stays in your account and rolls over".
    if tags[0] in _ELIDED_SUBJECT_TAGS and len(words) > _CLAUSE_WORDS:
        return True
    for index, (word, tag) in enumerate(zip(words, tags, strict=True)):
        after = tags[index + 1] if index + 1 < len(tags) else ""
        opens = index == 0 or tags[index - 1] in _OPENER_TAGS or words[index - 1] == "please"
        if opens and _orders_at(words, tags, index):
            return True
        if index and words[index - 1] in _SUBJECT_PRONOUNS and tag not in _NOT_VERB_TAGS:
            return True
        # A base form after its subject is a verb when a phrase follows it ("jobs wait there
        # for 24 hours", "deleted sites go to the Recycle Bin"), not a noun in a list.
        finite = (
            word in _FINITE
            or tag in _FINITE_TAGS
            or (tag == "VB" and after in _VERB_OBJECT_TAGS)
            or _verb_read_as_noun(word, tag, after)
        )
        if finite and any(previous in _SUBJECT_TAGS for previous in tags[:index]):
            return True
        # Lower case names read as adjectives: "deskdrive keeps 30 days of history".
        if finite and index == 1 and tags[0] == "JJ":
            return True
        if word == "its" and after in _ITS_AS_IT_IS:
            return True
        if finite and after in ("PRP", "EX"):
            return True
    return False


def _is_phrase(words: Sequence[str], tags: Sequence[str]) -> bool:
    """Words that read as a phrase rather than a term: long enough, with function words."""
    return len(words) >= _CLAUSE_WORDS and _function_share(words, tags) >= _CLAUSE_FUNCTION_SHARE


def _is_continuation(words: Sequence[str], tags: Sequence[str]) -> bool:
    """A part that carries on the sentence: it opens (after "so", "and"...) with a preposition,
    conjunction or relative word and reads as a phrase ("with all shops expected back by
    11:30", "so for the 14 deals already in Demo done")."""
    first = next((index for index, tag in enumerate(tags) if tag not in _OPENER_TAGS), 0)
    # The tagger reads a number opening a part ("2 business days") as a preposition.
    opens_with_number = words[first][:1].isdigit()
    return tags[first] in _LINK_TAGS and not opens_with_number and _is_phrase(words, tags)


def _is_participle_phrase(words: Sequence[str], tags: Sequence[str], start: int, end: int) -> bool:
    """Whether the part from `start` to `end` opens with a participle and carries the sentence
    on between other parts ("EUR 250 credit, filed already as BILL-7731, goes on the next
    invoice"); after nothing but a list number ("1) scheduled to start 1 July") or as the last
    part ("switch to UTC, credited in the next") it is a note of its own."""
    return (
        tags[start] in _PARTICIPLE_TAGS
        and end - start >= _PARTICIPLE_CLAUSE_WORDS
        and end < len(words)
        and any(not word[:1].isdigit() for word in words[:start])
    )


def _is_courtesy_phrase(words: Sequence[str], tags: Sequence[str]) -> bool:
    """A part that opens with a courtesy and reads as a phrase ("hi Jenna, sorry for the
    confusion", "thanks for your patience")."""
    return words[0] in _COURTESY_OPENERS and len(words) > _CLAUSE_WORDS and _is_phrase(words, tags)


def _function_share(words: Sequence[str], tags: Sequence[str]) -> float:
    count = sum(
        tag in _FUNCTION_TAGS or word in _AUXILIARIES for word, tag in zip(words, tags, strict=True)
    )
    return count / len(words)


_TAGGER_LOADING = threading.Lock()


@cache
def _tagger() -> Callable[..., list[tuple[str, str]]]:
    """TextBlob's pattern tagger, imported and loaded on first use. Its loader leaves its
    lexicon files to the garbage collector, so their ResourceWarning is silenced here, one
    thread at a time: the warning filters are global, and two threads loading at once (two
    first requests of a worker) would put them back under each other."""
    from textblob.en import tag

    with _TAGGER_LOADING, warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        tag("we load the lexicon once", tokenize=False)
        gc.collect()
    return tag


def _tags(words: tuple[str, ...]) -> tuple[str, ...]:
    """One part-of-speech tag per word, tagged as one space-separated text."""
    tagged = _tagger()(" ".join(words), tokenize=False)
    result = [tag for _, tag in tagged]
    if len(result) != len(words):  # a word the tagger split or merged: tag word by word
        result = [(_tagger()(word, tokenize=False) or [("", "NN")])[0][1] for word in words]
    return tuple(result)
