"""Loading a directory of scenarios: order, sources, hashes, and library-wide checks."""

import shutil

import pytest

from scoring.format import (
    ScenarioFormatError,
    content_hash,
    load_library,
    load_scenario_text,
)


@pytest.fixture
def library_dir(tmp_path, good_text):
    """A small library: the good scenario at the top, a renamed copy in a nested folder."""
    (tmp_path / "hosting").mkdir()
    (tmp_path / "hosting" / "shop-down.yml").write_text(
        good_text.replace("id: hosting-shop-down", "id: another-shop-down"), encoding="utf-8"
    )
    (tmp_path / "a-shop-down.yaml").write_text(good_text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    return tmp_path


def test_a_directory_loads_recursively_in_path_order(library_dir):
    library = load_library(library_dir)
    assert list(library.scenarios) == ["hosting-shop-down", "another-shop-down"]
    assert library.paths["another-shop-down"] == library_dir / "hosting" / "shop-down.yml"
    assert library.hashes["hosting-shop-down"] == content_hash(
        library.scenarios["hosting-shop-down"]
    )


def test_a_file_named_twice_is_loaded_once(library_dir):
    library = load_library([library_dir / "a-shop-down.yaml", library_dir])
    assert list(library.scenarios) == ["hosting-shop-down", "another-shop-down"]


def test_an_empty_directory_is_an_empty_library(tmp_path):
    assert dict(load_library(tmp_path).scenarios) == {}


def test_a_scenario_id_used_by_two_files_names_both(library_dir):
    shutil.copy(library_dir / "a-shop-down.yaml", library_dir / "b-copy.yaml")
    with pytest.raises(ScenarioFormatError) as caught:
        load_library(library_dir)
    assert str(caught.value) == (
        f"{library_dir / 'b-copy.yaml'}:2:1: scenario id 'hosting-shop-down' is already used "
        f"in {library_dir / 'a-shop-down.yaml'}:2: give each scenario its own id"
    )


def test_errors_of_every_file_come_together(library_dir):
    (library_dir / "b-broken.yaml").write_text("id: Broken\n", encoding="utf-8")
    (library_dir / "c-empty.yaml").write_text("", encoding="utf-8")
    with pytest.raises(ScenarioFormatError) as caught:
        load_library([library_dir, library_dir / "missing"])
    assert {error.file for error in caught.value.errors} == {
        str(library_dir / "b-broken.yaml"),
        str(library_dir / "c-empty.yaml"),
        str(library_dir / "missing"),
    }
    assert str(caught.value).splitlines()[0] == (
        f"{library_dir / 'missing'}: no such file or directory"
    )
    assert caught.value.summary() == f"{len(caught.value.errors)} errors in 3 files"


def test_content_hash_ignores_comments_and_layout(good_text, good_scenario):
    edited = good_text.replace("# A complete scenario", "# An edited comment on a scenario")
    edited = edited.replace("tags: [outage, escalation]", "tags:\n  - outage\n  - escalation")
    assert edited != good_text
    assert content_hash(load_scenario_text(edited, "x.yaml")) == content_hash(good_scenario)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"you broke"', '"you broke it"'),
        ("difficulty: 3", "difficulty: 4"),
        ("          weight: 2", "          weight: 3"),
        ("goto: diagnose", "goto: end"),
    ],
)
def test_content_hash_changes_with_the_content(good_text, good_scenario, old, new):
    assert old in good_text
    edited = load_scenario_text(good_text.replace(old, new), "x.yaml")
    assert content_hash(edited) != content_hash(good_scenario)
