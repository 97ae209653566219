"""Support vocabulary that says the same thing in other words, for phrase matching only.

Each line is a group of interchangeable wordings: a phrase written with one of them also
matches a reply that uses another ("extra fee" matches "extra charge", "refund" matches "money
back"). Words are compared by key, so inflections come for free (charges, refunded). A group
member of one word becomes an alternative for that word; a member of several words makes
another version of the phrase. Groups are kept narrow on purpose: a wording belongs here only
when a strict support lead would accept either one in any reply, whatever the scenario.
"""

from __future__ import annotations

from functools import cache

from .text import normalise_word

# "the" in a phrase also matches these: "below the minimum" matches "below our minimum".
# Never the other way round, and never "your" or "my": whose it is can matter ("your fault").
DETERMINERS = ("our", "this", "that", "these", "those")

# One group per line, members separated by "|".
GROUPS = """
no | not any
not | never
unable to | can not | not able to
charge | fee | cost
refund | money back | reimburse
escalate | pass on | hand over | hand off
engineer | technician | developer | dev | tech team | technical team
restore | recover | bring back | get back
delete | remove | erase
password reset | reset password
apologise | sorry | apologies
email | mail
contact | get in touch | reach out
check | look into | look at | investigate | have a look | take a look
verify | confirm
business day | working day | workday
immediately | right away | straight away | at once
asap | as soon as possible
automatically | by itself | on its own | on their own | by themselves
invoice | bill
website | site | web site
fix | resolve | sort out | repair | solve
problem | issue
call | ring | phone
reply | respond | answer
turn off | switch off | power off | shut down | shut off
turn on | switch on | power on
unplug | disconnect | pull out
do not worry | no need to worry | rest assured | nothing to worry about
happy to | glad to
supervisor | team lead | team leader
customer | client
upload | attach | submit
safe | secure
share | disclose | reveal | give out
mfa | 2fa | two factor | multi factor | multifactor
hold | freeze | pause
carry over | carry forward | roll over | rollover
I understand | I can imagine | I hear you | I can see why
frustrating | upsetting | stressful | annoying
usually | typically | normally | generally
around | about | roughly | approximately | approx
half an hour | 30 minutes
24 hours | a day | one day
a week | 7 days
two weeks | 14 days | fortnight
keep you posted | keep you updated | keep you informed | update you
log in | sign in | login
log out | sign out | logout
set up | configure | setup
restart | reboot
recently | lately
screen | display
port | socket
photo | picture | pic
help center | knowledge base | help article | support article | help page
need to | have to
same | identical
suggest | point to | indicate
set in | written into | defined in | laid down in
rebuild | recreate | redo | start over
sign | evidence | indication | trace
expire | run out | lapse
directly | straight | direct
"""


@cache
def synonym_table() -> tuple[dict[str, frozenset[str]], dict[tuple[str, ...], tuple]]:
    """(single, longer): `single` maps a one-word key to the other one-word keys of its groups;
    `longer` maps a key sequence to the other members of its groups, whenever one of the two
    has several words."""
    single: dict[str, set[str]] = {}
    longer: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for line in GROUPS.strip().splitlines():
        members = [
            tuple(key for raw in member.split() for _, key in normalise_word(raw))
            for member in line.split("|")
        ]
        for member in members:
            for other in members:
                if other == member:
                    continue
                if len(member) == 1 and len(other) == 1:
                    single.setdefault(member[0], set()).add(other[0])
                else:
                    longer.setdefault(member, set()).add(other)
    single.setdefault("the", set()).update(DETERMINERS)
    return (
        {key: frozenset(others) for key, others in single.items()},
        {key: tuple(sorted(others)) for key, others in longer.items()},
    )
