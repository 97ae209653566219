"""How errors print: the `file:line:column: message` form editors and CI logs understand."""

import pytest

from scoring.format import ScenarioError, ScenarioFormatError


@pytest.mark.parametrize(
    ("error", "printed"),
    [
        (ScenarioError("a.yaml", 3, 7, "oops"), "a.yaml:3:7: oops"),
        (ScenarioError("a.yaml", 3, None, "oops"), "a.yaml:3: oops"),
        (ScenarioError("a.yaml", None, None, "oops"), "a.yaml: oops"),
        (ScenarioError("a.yaml", None, 7, "oops"), "a.yaml: oops"),
    ],
)
def test_error_prints_the_parts_it_knows(error, printed):
    assert str(error) == printed


def test_format_error_prints_one_error_per_line_and_sums_up():
    failure = ScenarioFormatError(
        [
            ScenarioError("a.yaml", 1, 1, "first"),
            ScenarioError("a.yaml", 2, 1, "second"),
            ScenarioError("b.yaml", None, None, "third"),
        ]
    )
    assert str(failure) == "a.yaml:1:1: first\na.yaml:2:1: second\nb.yaml: third"
    assert failure.summary() == "3 errors in 2 files"
    assert ScenarioFormatError([ScenarioError("a.yaml", 1, 1, "x")]).summary() == (
        "1 error in 1 file"
    )
