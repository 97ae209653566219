"""Word-level normalisation: contractions, chat abbreviations and British spellings.

Each raw word becomes one or more normalised words (``don't`` -> ``do not``), written the
American way so that ``apologise`` and ``apologize`` compare equal before stemming.
"""

from __future__ import annotations

import re

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

# Whole words whose expansion is irregular or that chat writers type without the apostrophe.
_WHOLE_WORDS: dict[str, tuple[str, ...]] = {
    "won't": ("will", "not"),
    "wont": ("will", "not"),
    "can't": ("can", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "y'all": ("you", "all"),
    "ma'am": ("madam",),
    "dont": ("do", "not"),
    "nothin": ("nothing",),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "couldnt": ("could", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "youre": ("you", "are"),
    "shouldve": ("should", "have"),
    "wouldve": ("would", "have"),
    "couldve": ("could", "have"),
    "mustve": ("must", "have"),
    "ill": ("i", "will"),
    "theyll": ("they", "will"),
    "itll": ("it", "will"),
    "weve": ("we", "have"),
    "youve": ("you", "have"),
    "youll": ("you", "will"),
    "theyre": ("they", "are"),
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "u": ("you",),
    "ur": ("your",),
    "pls": ("please",),
    "plz": ("please",),
    # "thanks for ..." and "thank you for ..." say the same.
    "thanks": ("thank", "you"),
    "thx": ("thank", "you"),
    "thanx": ("thank", "you"),
    "tnx": ("thank", "you"),
    "ok": ("okay",),
    "sry": ("sorry",),
    "soz": ("sorry",),
    "abt": ("about",),
    "w": ("with",),
    "wo": ("without",),
    "n": ("and",),
    "w/o": ("without",),
    "w/in": ("within",),
    "thru": ("through",),
    "tmrw": ("tomorrow",),
    "tmr": ("tomorrow",),
    "ppl": ("people",),
    "approx": ("approximately",),
    "biz": ("business",),
    "acct": ("account",),
    "r": ("are",),
    "tho": ("though",),
    "bc": ("because",),
    "cuz": ("because",),
    "coz": ("because",),
    "msg": ("message",),
    "lmk": ("let", "me", "know"),
    "asap": ("as", "soon", "as", "possible"),
    "pw": ("password",),
    "mins": ("minutes",),
    "hrs": ("hours",),
    "yr": ("your",),
    "%": ("percent",),
}

# Suffixes after an apostrophe and what they stand for ("'s" is handled separately).
_CLITICS = {"n't": "not", "'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
# Words before which "'s" means "is" (or "us"); after anything else it marks a possessive.
_IS_HOSTS = frozenset(
    "it he she that there here what who where how when why this everything nothing "
    "something someone everyone nobody".split()
)

# British spellings as prefix patterns (inflected forms follow): colour -> color, colours.
_OUR_ROOTS = (
    "arm behavi clam col endeav fav ferv flav harb hon hum lab neighb od parl rig rum sav "
    "savi splend tum val vap vig"
)
_OUR = re.compile(rf"^({'|'.join(_OUR_ROOTS.split())})our")
_RE_ROOTS = "calib cent fib kilomet lit meag met millimet centimet sab spect theat lust"
_RE = re.compile(rf"^({'|'.join(_RE_ROOTS.split())})re(s)?$")
_ENCE = re.compile(r"^(licen|defen|offen|preten)ce(s|d)?$")
_OGUE = re.compile(r"^(catal|dial|anal|prol|epil|monol)ogue(s)?$")
_YSE = re.compile(r"^(anal|paral|catal|dial)ys(e|es|ed|ing|er|ers)$")
_ISE = re.compile(r"^(\w{2,}?)is(e|es|ed|ing|er|ers|ation|ations|able)$")
# Words spelt -ise on both sides of the Atlantic (and every -wise): never rewritten to -ize.
_ISE_ONLY = frozenset(
    "advertise advise apprise arise chastise circumcise comprise compromise concise despise "
    "devise disguise enterprise excise exercise expertise franchise guise improvise incise "
    "likewise merchandise noise otherwise paradise poise praise precise premise promise raise "
    "reprise revise rise supervise surmise surprise televise treatise wise cruise bruise "
    "demise appraise turquoise tortoise porpoise anise chemise".split()
)
_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "cheque": "check",
    "cheques": "checks",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "ageing": "aging",
    "whilst": "while",
    "amongst": "among",
    "learnt": "learned",
    "spelt": "spelled",
    "sceptical": "skeptical",
    "cosy": "cozy",
    "mould": "mold",
    "practise": "practice",
    "practised": "practiced",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "enquire": "inquire",
    "manoeuvre": "maneuver",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "instalment": "installment",
    "instalments": "installments",
}


def americanize(word: str) -> str:
    """The American spelling of a lower-case British word; other words come back unchanged."""
    if word in _WORDS:
        return _WORDS[word]
    if len(word) < 5:
        return word
    for pattern, replacement in (
        (_OUR, r"\1or"),
        (_RE, r"\1er\2"),
        (_ENCE, r"\1se\2"),
        (_OGUE, r"\1og\2"),
        (_YSE, r"\1yz\2"),
    ):
        word, count = pattern.subn(replacement, word)
        if count:
            return word
    match = _ISE.match(word)
    if match and not match.group(1).endswith("w") and match.group(1) + "ise" not in _ISE_ONLY:
        return f"{match.group(1)}iz{match.group(2)}"
    return word


def expand(raw: str) -> tuple[str, ...]:
    """Split a lower-case raw word into normalised words: contractions and chat forms expanded,
    hyphenated words split into their parts."""
    word = raw.translate(APOSTROPHES)
    if "-" in word:
        return tuple(part for piece in word.split("-") if piece for part in expand(piece))
    if word in _WHOLE_WORDS:
        return _WHOLE_WORDS[word]
    if "'" not in word:
        return (americanize(word),)
    for clitic, full in _CLITICS.items():
        if word.endswith(clitic) and len(word) > len(clitic):
            return (*expand(word[: -len(clitic)]), full)
    if word.endswith("'s"):
        host = word[:-2]
        if host == "let":
            return ("let", "us")
        return (*expand(host), "is") if host in _IS_HOSTS else expand(host)
    return (americanize(word),)


def _table(text: str) -> dict[str, str]:
    """ "base: form form; base: form" -> {form: base}."""
    table = {}
    for entry in text.split(";"):
        base, _, forms = entry.partition(":")
        table.update((form, base.strip()) for form in forms.split())
    return table


# Irregular verb forms, number words and nouns the stemmer does not bring back to their verb,
# so that "the names didn't match" meets "names don't match", "fifteen minutes" meets "15
# minutes" and "recovery" meets "recover". Only matching keys use these.
_LEMMAS = _table("""
    be: am is are was were been being; have: has had having; do: does did done doing;
    go: goes went gone; get: got gotten; make: made; say: said; tell: told; send: sent;
    pay: paid; see: saw seen; find: found; know: knew known; think: thought; come: came;
    keep: kept; leave: left; lose: lost; bring: brought; buy: bought; feel: felt; hold: held;
    mean: meant; meet: met; spend: spent; stand: stood; understand: understood;
    write: wrote written; break: broke broken; choose: chose chosen; forget: forgot forgotten;
    give: gave given; take: took taken; speak: spoke spoken; show: shown; begin: began begun;
    fall: fell fallen; catch: caught; teach: taught; build: built; sell: sold; win: won;
    wear: wore worn; freeze: froze frozen; drive: drove driven; run: ran; hear: heard;
    lead: led; sit: sat; sleep: slept; fly: flew flown; grow: grew grown; hide: hid hidden;
    0: zero; 1: one; 2: two; 3: three; 4: four; 5: five; 6: six; 7: seven; 8: eight; 9: nine;
    10: ten; 11: eleven; 12: twelve; 13: thirteen; 14: fourteen; 15: fifteen; 16: sixteen;
    17: seventeen; 18: eighteen; 19: nineteen; 20: twenty; 30: thirty; 40: forty; 50: fifty;
    60: sixty; 70: seventy; 80: eighty; 90: ninety; 100: hundred;
    minute: min mins; hour: hr hrs; second: sec secs;
    recover: recovery; deliver: delivery; verify: verification; notify: notification;
    publish: publication; remove: removal; expire: expiry; explain: explanation;
    suspend: suspension; subscribe: subscription; unsubscribe: unsubscription; fail: failure
""")


def lemma(word: str) -> str:
    """The base form of an irregular verb form, the digits of a number word, else the word."""
    return _LEMMAS.get(word, word)
