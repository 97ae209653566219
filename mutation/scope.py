"""A pytest plugin for `make mutation`: a mutant is judged only by its own module's tests.

mutmut runs, for each mutant, every test that called the mutated function. A scoring rule is
called by hundreds of web tests too; a surviving mutant would run them all, and a kill by an
unrelated page test would hide that the module's own tests miss it. So, while mutmut tests a
mutant (MUTANT_UNDER_TEST names it), this plugin deselects the tests outside its module's
entry in SCOPE. A mutant left with no test counts as "no tests", that is, not killed.
"""

from __future__ import annotations

import os

# Module -> the tests that specify it (prefixes of pytest node ids).
SCOPE: dict[str, tuple[str, ...]] = {
    "trainer.access": ("tests/app/test_access_matrix.py", "tests/app/test_access_rules.py"),
    "trainer.hiring.tokens": ("tests/hiring/test_tokens.py", "tests/hiring/test_candidate.py"),
    "trainer.hiring.exam": ("tests/hiring/test_deadlines.py", "tests/hiring/test_candidate.py"),
    "trainer.practice.services": ("tests/app/test_practice.py", "tests/app/test_submit.py",
                                  "tests/app/test_abandon.py"),
    "trainer.progress.evaluation": ("tests/progress/",),
    "scoring.formula": ("tests/scoring/",),
    "scoring.matching": ("tests/scoring/",),
    "scoring.tone": ("tests/scoring/",),
}


def tests_for(mutant: str) -> tuple[str, ...] | None:
    """The test prefixes that judge `mutant`, or None when it is no mutant of SCOPE."""
    for module, prefixes in SCOPE.items():
        if mutant.startswith(module + "."):
            return prefixes
    return None


def pytest_collection_modifyitems(config, items) -> None:
    prefixes = tests_for(os.environ.get("MUTANT_UNDER_TEST", ""))
    if prefixes is None:  # the stats, clean and forced-fail runs: every test
        return
    outside = [item for item in items if not item.nodeid.startswith(prefixes)]
    if outside:
        config.hook.pytest_deselected(items=outside)
        items[:] = [item for item in items if item.nodeid.startswith(prefixes)]
