"""Example authoring objects: an author and a draft copied from a shipped scenario."""

from __future__ import annotations

from trainer.auth.models import Role, User
from trainer.authoring.drafts import create_draft, get_record_or_404, version_text
from trainer.database import db


def make_author(app, account) -> None:
    with app.app_context():
        db.session.get(User, account.id).can_author = True
        db.session.commit()


def copied_draft(app, account, slug: str = "hosting-shop-outage") -> int:
    """The id of a new draft holding the scenario's current version, made by `account`."""
    with app.app_context():
        record = get_record_or_404(slug)
        user = db.session.get(User, account.id)
        return create_draft(user, version_text(record.current), record).id


def authoring_arguments(app, users) -> dict[str, object]:
    """The mentor becomes an author and owns the example draft."""
    make_author(app, users[Role.MENTOR])
    return {"draft_id": copied_draft(app, users[Role.MENTOR])}
