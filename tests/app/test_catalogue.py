"""The catalogue's search, sort orders and each scenario's status for the signed-in trainee,
all read from the query string."""

from __future__ import annotations

import re

import pytest

from tests.helpers import add_history, finished_attempt, start_practice, text_of
from trainer.auth.models import Role
from trainer.library.forms import SEARCH_MAX_CHARS

CARD = re.compile(r'<li class="card scenario-card">\s*<h2><a href="/scenarios/([^"]+)">')


def slugs(client, query: str = "") -> list[str]:
    response = client.get(f"/scenarios/{query}")
    assert response.status_code == 200
    return CARD.findall(response.get_data(as_text=True))


def status_of(client, slug: str, query: str = "") -> str:
    page = client.get(f"/scenarios/{query}").get_data(as_text=True)
    card = page.split(f'href="/scenarios/{slug}"', 1)[1].split("</li>", 1)[0]
    return re.search(r'class="play-status[^"]*">.*?</span>([^<]+)</p>', card).group(1)


def searched(scenario) -> str:
    """What the search looks in, as one lower-case text."""
    return " ".join((scenario.title, scenario.id, scenario.domain,
                     scenario.persona.value)).lower()


def test_search_matches_words_in_titles_domains_and_customer_types(client, login_as, library):
    login_as(Role.TRAINEE)
    by_domain = slugs(client, "?q=office+it")
    assert by_domain and set(by_domain) == {
        slug for slug, s in library.scenarios.items() if s.domain == "office-it"}
    by_title = slugs(client, "?q=SHOP+down")
    assert "hosting-shop-outage" in by_title
    assert set(by_title) == {slug for slug, s in library.scenarios.items()
                             if all(word in searched(s) for word in ("shop", "down"))}
    assert set(slugs(client, "?q=vip")) == {
        slug for slug, s in library.scenarios.items() if s.persona.value == "vip"}
    nothing = text_of(client.get("/scenarios/?q=zzz"))
    assert "No scenario matches “zzz” with these filters." in nothing


def test_search_combines_with_the_filters_and_a_too_long_one_is_explained(
        client, login_as, library):
    login_as(Role.TRAINEE)
    assert set(slugs(client, "?q=hosting&difficulty=1")) == {
        slug for slug, s in library.scenarios.items()
        if s.difficulty == 1 and "hosting" in searched(s)}
    too_long = "x" * (SEARCH_MAX_CHARS + 1)
    page = client.get(f"/scenarios/?q={too_long}").get_data(as_text=True)
    assert f"Search for at most {SEARCH_MAX_CHARS} characters." in page
    assert f'value="{too_long}"' in page  # what was typed stays in the box
    assert len(CARD.findall(page)) == len(library.scenarios)  # the search is left out


@pytest.mark.parametrize(("order", "key"), [
    ("title", lambda s: s.title.casefold()),
    ("domain", lambda s: (s.domain, s.difficulty, s.title.casefold())),
    ("difficulty", lambda s: (s.difficulty, s.domain, s.title.casefold())),
])
def test_each_sort_order(client, login_as, library, order, key):
    login_as(Role.TRAINEE)
    expected = [s.id for s in sorted(library.scenarios.values(), key=key)]
    assert slugs(client, f"?sort={order}") == expected


def test_an_unknown_order_falls_back_to_difficulty(client, login_as, library):
    login_as(Role.MENTOR)
    assert slugs(client, "?sort=<script>") == slugs(client, "?sort=difficulty")
    assert slugs(client, "?sort=status") == slugs(client)  # a mentor has no status to sort by


def test_each_scenario_shows_the_trainees_status_and_sorts_by_it(
        app, client, login_as, users, library):
    trainee = login_as(Role.TRAINEE)
    add_history(app, trainee, [
        {"slug": "hosting-content-edit", "mode": "exam", "score": 90},
        {"slug": "crm-csv-import", "mode": "exam", "score": 40},
        {"slug": "crm-csv-import", "mode": "practice", "score": 90},
    ])
    finished_attempt(app, trainee)  # a practice attempt at hosting-shop-outage
    ongoing = next(slug for slug, s in library.scenarios.items() if s.domain == "office-it")
    start_practice(app, trainee, ongoing)
    assert status_of(client, "hosting-content-edit") == "Passed in an exam"
    assert status_of(client, "crm-csv-import") == "Exam not passed yet"
    assert status_of(client, "hosting-shop-outage") == "Practised"
    assert status_of(client, ongoing) == "In progress"
    by_status = slugs(client, "?sort=status")
    played = ["hosting-content-edit", "crm-csv-import", "hosting-shop-outage", ongoing]
    assert by_status[-4:] == [ongoing, "hosting-shop-outage", "crm-csv-import",
                              "hosting-content-edit"]
    assert not set(by_status[:-4]) & set(played)
    assert status_of(client, by_status[0]) == "Not played"


def test_a_mentor_sees_no_status(client, login_as, library):
    login_as(Role.MENTOR)
    assert "play-status" not in client.get("/scenarios/").get_data(as_text=True)


def test_labels_spell_crm_it_and_vip(client, login_as, library):
    login_as(Role.TRAINEE)
    text = text_of(client.get("/scenarios/"))
    assert "Domain CRM" in text and "Domain Office IT" in text and "Customer VIP" in text
    assert "Crm" not in text and "Office it" not in text and "Vip" not in text
