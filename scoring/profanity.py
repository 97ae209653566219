"""Profane words: the maintained list of the better_profanity package, minus words that are
ordinary in technical support ("kill the process", "strip the prefix", "FAT32", "master/slave").

Only the word list is used; matching is done on our own tokens, which is much faster than the
package's censor functions.
"""

from __future__ import annotations

import re
from functools import cache

from .text import read_package_file

# Everyday, technical, medical, identity and proper-noun words in the list that a support
# agent may write without meaning any offence.
_BENIGN = frozenset(
    """
    kill murder sniper uzi napalm strip screw screwed screwing pawn slave organ oral orally
    stroke thrust erect erection penetrate penetration fat dummy foobar fubar facial len maxi
    pot rum vodka drunk revue sandbar seaman seamen knob slope snatch wad whiz xx xxx omg
    hiv herpes herp hemp weed heroin meth opium opiate peyote pcp reefer valium viagra
    hookah ganja toke scag skag extacy extasy tampon uterus ovary ovum ovums womb menses
    menstruate menstruation pms hymen urine urinal vomit pee nude nudes naked lust lusting
    lusty sex sexual seduce racy gay gays lesbians queer transsexual reich nappy pastie
    pasty potty punky virgin unwed vulgar wang dong dink paddy willy woody yury asanchez
    aryan arian god hooch hootch enlargement bondage fondle playboy teste testes testis
    testical testicle breasts nipple nipples pubic pubis rectal rectum rectus glans labia
    vulva vagina penis penile penial phallic phalli ejaculate ejaculated ejaculates
    ejaculating ejaculation masochist sadism sadist perversion prostitute voyeur leper
    junkie junky lech prig prude tramp thug souse soused stoned mams loin loins teat
    """.split()
)


@cache
def profane_phrases() -> tuple[str, ...]:
    """Profane words and phrases, lower case, words separated by single spaces."""
    phrases = []
    for line in read_package_file("better_profanity", "profanity_wordlist.txt").splitlines():
        phrase = " ".join(line.strip().lower().replace("-", " ").split())
        if re.fullmatch(r"[a-z]+(?: [a-z]+)*", phrase) and phrase not in _BENIGN:
            phrases.append(phrase)
    return tuple(phrases)
