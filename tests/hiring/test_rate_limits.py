"""Rate limits on the candidate's pages: per address for unknown links, per link otherwise."""

from __future__ import annotations

import pytest

from tests.helpers import CandidateBrowser, invite_to


@pytest.fixture
def app_config(app_config):
    return app_config | {"HIRING_BAD_LINK_LIMIT": "3 per minute",
                         "HIRING_LINK_LIMIT": "5 per minute"}


def test_guessing_links_from_one_address_is_rate_limited(app, make_assignment, client):
    statuses = [client.get(f"/test/{'A' * 21}{n}").status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]
    assert "Too many attempts" in client.get(f"/test/{'B' * 22}").get_data(as_text=True)


def test_each_link_has_its_own_budget(app, make_assignment):
    assignment_id = make_assignment()
    busy = CandidateBrowser(app, invite_to(app, assignment_id, email="a@example.com").token)
    calm = CandidateBrowser(app, invite_to(app, assignment_id, email="b@example.com").token)
    assert [busy.get().status_code for _ in range(6)] == [200] * 5 + [429]
    assert calm.get().status_code == 200
