"""Politeness strategies (after Danescu-Niculescu-Mizil et al., 2013) and their lexicons.

Weights are in log-odds units of the politeness score (see docs/scoring.md): +1 moves a neutral
reply from about 57 to about 78. `decay` is how much each further use of the same strategy
counts relative to the previous one (1 = every use counts fully). The weights of `fitted`
strategies are refined on the politeness corpus (benchmarks/fit_politeness.py); the support
rules keep the weights written here. Lexicon phrases are written
in lower case as a person would type them ("don't" and "do not" are the same); a leading ``^``
means "at the start of a sentence" and a trailing ``*`` on a word means "any word starting so".
Where several phrases match at the same word, the longest wins, so "so sorry" (an apology)
keeps "so" from counting as a blunt sentence start, and a NEUTRAL phrase such as "so much"
claims its words for no strategy.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .phrase_sets import politeness_phrases


class Strategy(StrEnum):
    GRATITUDE = "gratitude"
    APOLOGY = "apology"
    PLEASE = "please"
    PLEASE_START = "please-start"
    INDIRECT_REQUEST = "indirect-request"
    DIRECT_REQUEST = "direct-request"
    HEDGE = "hedge"
    GREETING = "greeting"
    DEFERENCE = "deference"
    FIRST_PERSON_PLURAL = "first-person-plural"
    EMPATHY = "empathy"
    HELPFULNESS = "helpfulness"
    BLUNT_QUESTION = "blunt-question"
    DIRECT_QUESTION = "direct-question"
    DIRECT_START = "direct-start"
    SECOND_PERSON_START = "second-person-start"
    ACCUSATION = "accusation"
    BLAME = "blame"
    DISMISSIVE = "dismissive"
    SARCASM = "sarcasm"
    INSULT = "insult"
    PROFANITY = "profanity"
    SHOUTING = "shouting"
    BARE_IMPERATIVE = "bare-imperative"
    SMILEY = "smiley"
    CRITICISM = "criticism"
    MINIMISING = "minimising"
    FACTUALITY = "factuality"
    # A fitted word, word pair or sentence opener (scoring/politeness_model.py).
    WORDING = "wording"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class StrategyRule:
    """A strategy's weight per use (log-odds) and how further uses decay (1 = each counts
    fully). A `fitted` strategy's weight here is only the starting point (the prior) of the
    corpus fit; the scorer uses the fitted weight of scoring/politeness_weights.json, which
    always keeps this weight's sign."""

    weight: float
    decay: float
    fitted: bool = False

    @property
    def direction(self) -> int:
        return (self.weight > 0) - (self.weight < 0)


# Strategies of requests between peers, which the Stack Exchange corpus uses often enough to
# refine; the support rules after them keep their hand-set weights: the corpus has almost no
# insults, blame or sarcasm, and peers do not show empathy the way a support reply must.
RULES: dict[Strategy, StrategyRule] = {
    Strategy.NEUTRAL: StrategyRule(0.0, 1.0),
    Strategy.GRATITUDE: StrategyRule(1.0, 0.5, fitted=True),
    Strategy.APOLOGY: StrategyRule(0.9, 0.5, fitted=True),
    Strategy.PLEASE: StrategyRule(0.4, 0.5, fitted=True),
    Strategy.PLEASE_START: StrategyRule(0.1, 0.5, fitted=True),
    Strategy.INDIRECT_REQUEST: StrategyRule(0.4, 0.5, fitted=True),
    Strategy.DIRECT_REQUEST: StrategyRule(0.3, 0.5, fitted=True),
    Strategy.HEDGE: StrategyRule(0.2, 0.5, fitted=True),
    Strategy.GREETING: StrategyRule(0.5, 0.3, fitted=True),
    Strategy.DEFERENCE: StrategyRule(0.8, 0.5, fitted=True),
    Strategy.FIRST_PERSON_PLURAL: StrategyRule(0.1, 0.5, fitted=True),
    Strategy.BLUNT_QUESTION: StrategyRule(-1.0, 0.7, fitted=True),
    Strategy.DIRECT_QUESTION: StrategyRule(-0.15, 0.5, fitted=True),
    Strategy.DIRECT_START: StrategyRule(-0.2, 0.5, fitted=True),
    Strategy.SECOND_PERSON_START: StrategyRule(-0.3, 0.5, fitted=True),
    Strategy.CRITICISM: StrategyRule(-0.6, 0.7, fitted=True),
    Strategy.MINIMISING: StrategyRule(-0.2, 0.5, fitted=True),
    Strategy.FACTUALITY: StrategyRule(-0.3, 0.5, fitted=True),
    # Found by the politeness module's own detector.
    Strategy.BARE_IMPERATIVE: StrategyRule(-0.1, 0.5, fitted=True),
    # Found by the politeness module's own detector (":)", "\U0001f642").
    Strategy.SMILEY: StrategyRule(0.3, 0.5, fitted=True),
    # Support rules.
    Strategy.EMPATHY: StrategyRule(0.9, 0.5),
    Strategy.HELPFULNESS: StrategyRule(0.5, 0.5),
    Strategy.ACCUSATION: StrategyRule(-1.2, 0.7),
    Strategy.BLAME: StrategyRule(-2.0, 0.8),
    Strategy.DISMISSIVE: StrategyRule(-2.0, 0.8),
    Strategy.SARCASM: StrategyRule(-1.5, 0.8),
    Strategy.INSULT: StrategyRule(-3.0, 1.0),
    # The politeness module adds better_profanity's word list to this strategy's phrases.
    Strategy.PROFANITY: StrategyRule(-3.0, 1.0),
    # Found by the politeness module's own detector (capitals, "!!!").
    Strategy.SHOUTING: StrategyRule(-1.0, 0.7),
}

# Phrases per strategy, separated by commas.
LEXICON: dict[Strategy, str] = {
    Strategy.NEUTRAL: """
        ^so much, i will not, we will not,
        that is why, which is why, this is why, reason why, explain why, see why, wonder why,
        ^you can, ^you will, ^you may, ^you might, ^you could,
        you have not lost, you did not lose, you have not done anything, you did not do anything,
        you have not missed, you did not miss, you did nothing wrong, you have done nothing wrong,
        someone on your side, somebody on your side, someone on your end, anyone on your side,
        team on your side, admin on your side, colleague on your side,
        ^no need, ^no worries, ^no problem, ^you do not have to, ^you do not need to,
        ^you are right, ^you are welcome, ^you are all set, you did not use,
        just need, just let me, just tell me, just reply, just send, just click, just approve,
        what is wrong is, you did this morning, you did this afternoon, you did this evening,
        you did this week, you did this month, you did this year,
        that is rubbish, thats rubbish, that sounds rubbish, rubbish for you, rubbish for your,
        will asses, to asses, can asses, could asses, looked right on your end,
        looks right on your end, looked fine on your end, looks fine on your end
    """,
    Strategy.GRATITUDE: """
        thank you, thank*, appreciat*, grateful, gratitude, cheers, much obliged, ^so thankful,
        ^so grateful, ^and thank you, ^and thanks
    """,
    Strategy.APOLOGY: """
        sorry, apologi*, apology, excuse me, pardon me, forgive me, regret, regrettabl*, my bad,
        my mistake, our mistake, my fault, our fault, i was wrong, we were wrong, ^so sorry
    """,
    Strategy.PLEASE: """
        please, kindly
    """,
    Strategy.PLEASE_START: """
        ^please, ^kindly
    """,
    Strategy.INDIRECT_REQUEST: """
        could you, would you, would it be possible, would you mind, do you mind, if you could,
        if you would, could we, could i, may i, might i, i was wondering, i wonder if,
        would it be ok, would it be okay, would you be able
    """,
    Strategy.DIRECT_REQUEST: """
        can you, will you, can we, can i, are you able
    """,
    Strategy.HEDGE: """
        i think, i believe, i guess, i suppose, i feel, perhaps, maybe, possibly, probably, might,
        seems, seem, seemingly, appears, apparently, suggest*, somewhat, a bit, a little, kind of,
        sort of, not sure, if possible, wondering, presumably, likely, if i understand correctly,
        if i am not mistaken, unfortunately, i am afraid, i would, or something, something like,
        could, would, i would guess, just curious, just wondering, just out of curiosity,
        out of curiosity
    """,
    Strategy.GREETING: """
        ^hi, ^hello, ^hey, ^hiya, ^good morning, ^good afternoon, ^good evening, ^dear, ^greetings,
        ^how are you, hope you are well, hope you are doing well, hope this finds you well,
        welcome to, welcome on, welcome aboard
    """,
    Strategy.DEFERENCE: """
        great question, good question, excellent question, interesting question, good point,
        fair point, great point, valid point, you are right, you are absolutely right,
        you are correct, good idea, great idea, nice work, great work, good work, well done,
        nice job, great job, good job, good catch, great catch, nice catch, fair enough, good call,
        i agree, totally agree, that makes sense, impressive, thanks for pointing, ^great, ^nice,
        ^perfect, ^wonderful, ^excellent, ^awesome, ^lovely
    """,
    Strategy.FIRST_PERSON_PLURAL: """
        we, our, us, ours
    """,
    Strategy.EMPATHY: """
        i understand, i can understand, i completely understand, i totally understand,
        i fully understand, i do understand, understandabl*, i can imagine, i can only imagine,
        i know how, i can see how, i see how, i see why, i hear you, that must be,
        must be frustrating, must have been, frustrating, frustration, that sounds, i realize,
        i get it, i would feel the same, inconvenience*, stressful, not easy, difficult situation,
        how upsetting, your patience, oh no, that is terrible, that is awful, awful timing,
        i get why, i get that
    """,
    Strategy.HELPFULNESS: """
        happy to help, glad to help, happy to, glad to, i would be happy, i would be glad, let me,
        let us, i will, we will, i can help, we can help, here to help, hope this helps,
        hope that helps, hope it helps, hope this solves, feel free, do not hesitate,
        any questions, anything else, no problem, not a problem, no worries, you are welcome,
        you are very welcome, you are so welcome,
        you are most welcome, your welcome, my pleasure, take care, have a great day,
        have a good day, have a nice day, have a lovely, good luck, best regards, kind regards,
        regards, best wishes, right away, personally, keep you updated, keep you posted,
        i have checked, i checked, i looked into, i have escalated, assist you, help you,
        do not worry, no stress, do not panic, on it, had a look, had a quick look, took a look,
        i looked, it for you, that for you, this for you, them for you, i am here, here with you,
        ^of course, sure thing, get you sorted, get it sorted, walk you through, show you how,
        set it up together, do it together, ^so glad, ^so happy, ^glad, good to hear,
        great to hear, happy to hear, ^no need to worry,
        ^no need to panic, ^no need to stress
    """,
    Strategy.BLUNT_QUESTION: """
        why did you, why did not you, why would you, why are you, why do you, why have you,
        why have not you, why can not you, why is it so hard, what is wrong with you,
        what were you thinking, what is your problem, are you serious, are you kidding,
        are you joking, you are kidding, did you even, did you not, have you even, do you even,
        did you bother, did you actually, how hard is it, how many times, what part of,
        is that so hard, seriously why, did not you, do not you, have not you, are not you,
        can not you, could not you
    """,
    Strategy.DIRECT_QUESTION: """
        ^what, ^how
    """,
    Strategy.DIRECT_START: """
        ^so, ^then, ^and, ^but, ^or, ^anyway, ^no
    """,
    Strategy.SECOND_PERSON_START: """
        ^you
    """,
    Strategy.ACCUSATION: """
        you did not, you have not, you failed, you forgot, you never, you keep asking,
        you keep saying, you keep ignoring, you always do, you clearly, you obviously,
        you must have, you broke, you caused, you messed, you ignored, you misunderstood,
        you do not understand, you do not get it, you are wrong, you are confused, you were told,
        you need to listen, you did it wrong, you are not listening, you should know,
        you should read, you are not reading, you are the one, you are mistaken, you got it wrong,
        you are missing the point, you missed, you claim, you claimed, you are being
    """,
    Strategy.BLAME: """
        that is your problem, your own problem, your responsibility, if you had, you should have,
        that is on you, caused by you, you did this, not our fault, not my fault, you brought this,
        only have yourself, on your side, on your end, check your own
    """,
    Strategy.DISMISSIVE: """
        calm yourself, relax, chill, as i have said, as i have already said, as i told you,
        as i already told you, like i already said, i already said, as already mentioned,
        as i mentioned, as i explained, as stated, as previously stated, obviously, ^clearly,
        nothing i can do, nothing we can do, read the manual, read the faq, read the documentation,
        rtfm, it is not that hard, not rocket science, for the last time, i will not repeat,
        i am not going to repeat, let me repeat, let me be clear, once again, stop whining,
        no need to yell, mind your tone, it is what it is, not a big deal, no big deal,
        search before asking, ^listen, you will have to wait, you need to be patient, be patient,
        just saying, i do not have time, not my concern, you people, frankly, duh, meh,
        ugh do it yourself, ask yourself, google it yourself, no need to take that tone,
        insults will not help, you would better, you had better, calm down, deal with it
    """,
    Strategy.SARCASM: """
        oh great, oh really, oh wow, wow just wow, thanks a lot for nothing, bravo, sure you did,
        as if, genius, einstein, how convenient, lucky you, news flash, newsflash, oh please,
        give me a break, spare me, obviously not, clearly not hmm, hmmm, hm
    """,
    Strategy.INSULT: """
        idiot*, stupid*, moron*, dumb, dumber, dumbest, incompetent, incompetence, clueless,
        pathetic, ridiculous, ignorant, useless, fool, fools, foolish, loser*, jerk, jerks,
        imbecile*, dimwit*, halfwit*, cretin*, brainless, nitwit*, numpty, twit, twits, clown,
        clowns, dunce, buffoon*, ^get lost, ^go away, screw you, piss off, nonsense, rubbish,
        absurd, worthless, hopeless, amateurs, amateurish, muppet*, childish, whiny careless
    """,
    Strategy.CRITICISM: """
        i do not understand, i can not understand, i do not get it, makes no sense,
        does not make sense, is wrong, is not true, not true, does not answer, did not answer,
        not an answer, not a real question, no idea what, i disagree, that is incorrect,
        this is incorrect
    """,
    Strategy.MINIMISING: """
        just, simply, merely
    """,
    # Unprofessional wording the profanity list leaves out.
    Strategy.PROFANITY: """
        screwed up, screw up, pissed off
    """,
    Strategy.FACTUALITY: """
        actually, in fact, the fact is, the truth is, the reality is, the point is, in reality,
        as a matter of fact
    """,
}


def lexicon_phrases() -> list[tuple[Strategy, str]]:
    """Every (strategy, phrase) pair of the lexicon, in table order, then the plain phrases of
    the shared phrase sets that feed a strategy (scoring/phrase_sets.yaml)."""
    table = [
        (strategy, phrase.strip())
        for strategy, text in LEXICON.items()
        for phrase in text.split(",")
        if phrase.strip()
    ]
    shared = [(Strategy(strategy), phrase) for strategy, phrase in politeness_phrases()]
    return list(dict.fromkeys([*table, *shared]))


# Sentence-initial verbs that make a bare imperative unless softened ("please", a question).
IMPERATIVE_VERBS = frozenset(
    """
    restart reboot read check stop wait try do send give tell go follow use click clear
    reinstall call contact fill provide open close install update upgrade delete remove add
    enter type select choose make put take see note keep ask write reply answer explain fix
    find get leave log sign reset change turn switch unplug plug learn figure think accept
    pay forward attach upload download refresh retry verify confirm visit email submit share
    show describe specify look
    """.split()
)
