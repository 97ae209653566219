"""Print the mutation score of each module of `make mutation` and its surviving mutants.

Reads mutmut's results (mutants/**/*.meta) after `mutmut run`. A mutant is detected when a test
failed or timed out (a hang); the equivalent mutants listed in mutation/README.md (lines
"- `name`: why" under "Accepted equivalent mutants") are left out of the score. Exits 1 when
a module misses its goal.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {  # module -> the lowest accepted score, in percent (None: report only)
    "trainer/access.py": 95,
    "trainer/hiring/tokens.py": 95,
    "trainer/practice/services.py": 95,
    "scoring/formula.py": 95,
    "trainer/hiring/exam.py": 90,
    "trainer/progress/evaluation.py": 90,
    "scoring/matching.py": None,
    "scoring/tone.py": None,
}
KILLED = {1, 3}
TIMEOUT = {36, 24, -24, 152, 255, -9}  # -9: killed by mutmut's wall-clock limit


def equivalent_mutants() -> set[str]:
    """The mutants listed under "Accepted equivalent mutants", before the known survivors."""
    text = (ROOT / "mutation" / "README.md").read_text(encoding="utf-8")
    section = text.partition("## Accepted equivalent mutants")[2].partition("Known survivors")[0]
    return set(re.findall(r"^- `([^`]+__mutmut_\d+)`", section, flags=re.MULTILINE))


def diff(name: str, path: str) -> str:
    """The changed lines of a mutant, as `mutmut show` prints them."""
    try:
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        lines = get_diff_for_mutant(name, path=path).splitlines()
    except Exception:  # an internal API of mutmut: fall back to the name alone
        return ""
    return "\n".join(f"        {line}" for line in lines[2:]
                     if line.startswith(("-", "+")) and line[1:].strip())


def main() -> int:
    equivalent, failed = equivalent_mutants(), []
    rows, survivors = [], []
    for path, goal in GOALS.items():
        meta = ROOT / "mutants" / f"{path}.meta"
        if not meta.exists():
            rows.append(f"{path:34} not run")
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counted = {name: code for name, code in codes.items() if name not in equivalent}
        detected = sum(1 for code in counted.values() if code in KILLED | TIMEOUT)
        timeouts = sum(1 for code in counted.values() if code in TIMEOUT)
        score = 100.0 * detected / len(counted) if counted else 100.0
        verdict = "" if goal is None else ("ok" if score >= goal else f"BELOW {goal}%")
        if verdict.startswith("BELOW"):
            failed.append(path)
        rows.append(f"{path:34} {detected:4}/{len(counted):<4} {score:5.1f}%  "
                    f"({timeouts} timeouts, {len(codes) - len(counted)} equivalent)  {verdict}")
        survivors += [(path, name, code) for name, code in counted.items()
                      if code not in KILLED | TIMEOUT]
    print("\nSurviving mutants (`mutmut show NAME` for the whole diff):")
    for path, name, code in survivors:
        status = {0: "survived", 5: "no tests", 33: "no tests", None: "not run"}.get(code, code)
        print(f"  {name}  [{status}]")
        print(diff(name, path))
    print("\nMutation score per module (detected/mutants):")
    print("\n".join(f"  {row}" for row in rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
