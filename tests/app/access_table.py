"""The declared access table: for every endpoint, what each role (and anonymous) gets.

ok: the page; login: sent to sign in; redirect: sent elsewhere; forbidden: 403; missing: 404;
rejected: 422 (the request reached the use case, which refused its empty input).
The example objects belong to the trainee, whose mentor is the mentor. The mentor is an author
(the admin is not: authoring needs the grant as well as the role).
Adding a route without a line here fails test_every_route_is_declared.
"""

from trainer.auth.models import Role

ANON = "anonymous"
EVERYONE = (ANON, *Role)


def only(*allowed: Role, others: str = "forbidden") -> dict[str, str]:
    return {who: ("ok" if who in allowed else ("login" if who == ANON else others))
            for who in EVERYONE}


def signed_in(outcome: str = "ok") -> dict[str, str]:
    return {who: ("login" if who == ANON else outcome) for who in EVERYONE}


def anonymous_only() -> dict[str, str]:
    return {who: ("ok" if who == ANON else "redirect") for who in EVERYONE}


EXPECTED: dict[str, dict[str, str]] = {
    "main.index": anonymous_only(),
    "main.health": dict.fromkeys(EVERYONE, "ok"),
    "main.ready": dict.fromkeys(EVERYONE, "ok"),
    "main.home": signed_in(),
    "auth.login": anonymous_only(),
    "auth.logout": signed_in("redirect"),
    "auth.password": signed_in(),
    "auth.forgot_password": anonymous_only(),
    # The example token is a hiring candidate's, not a password link: no such link.
    "auth.set_password": dict.fromkeys(EVERYONE, "missing"),
    "admin.users": only(Role.ADMIN),
    "admin.create": only(Role.ADMIN),
    "admin.edit": only(Role.ADMIN),
    "admin.password_link": only(Role.ADMIN),
    "admin.teams": only(Role.ADMIN),
    # Without a mentor chosen nothing moves: back to the teams.
    "admin.move": only(Role.ADMIN) | {Role.ADMIN: "redirect"},
    # The example user is a trainee, who has no team to hand over.
    "admin.hand_over": only(Role.ADMIN) | {Role.ADMIN: "missing"},
    "library.catalogue": signed_in(),
    "library.detail": signed_in(),
    "library.statistics": only(Role.MENTOR, Role.ADMIN),
    "practice.start": only(Role.TRAINEE, others="forbidden") | {Role.TRAINEE: "redirect"},
    "practice.play": signed_in("missing") | {Role.TRAINEE: "ok", Role.MENTOR: "redirect"},
    "practice.reply": only(Role.TRAINEE) | {Role.TRAINEE: "rejected"},
    "practice.signal": only(Role.TRAINEE) | {Role.TRAINEE: "rejected"},
    # Without its confirming button, a POST abandons nothing and goes back to the chat.
    "practice.abandon": only(Role.TRAINEE) | {Role.TRAINEE: "redirect"},
    "practice.transcript": signed_in("missing") | {Role.TRAINEE: "redirect", Role.MENTOR: "ok"},
    "practice.history": only(Role.TRAINEE),
    "practice.team_history": only(Role.MENTOR),
    # The example attempt is unfinished: its mentor is sent to the transcript until it ends.
    "review.attempt": signed_in("missing") | {Role.MENTOR: "redirect", Role.ADMIN: "redirect"},
    "review.queue": only(Role.MENTOR),
    # The example reply belongs to the unfinished attempt: the trainee is sent to its transcript.
    "review.dispute": only(Role.TRAINEE) | {Role.TRAINEE: "redirect"},
    "review.sign_off_rank": only(Role.MENTOR),
    "progress.dashboard": only(Role.TRAINEE),
    "progress.trainee_progress": only(Role.MENTOR, Role.MANAGER, Role.ADMIN),
    "progress.team": only(Role.MENTOR, Role.MANAGER, Role.ADMIN),
    "progress.certificate": signed_in(),
    "progress.certificate_pdf_download": signed_in(),
    "progress.revoke_certificate": only(Role.ADMIN) | {Role.ADMIN: "rejected"},
    "progress.verify_lookup": dict.fromkeys(EVERYONE, "ok"),
    "progress.verify": dict.fromkeys(EVERYONE, "ok"),
    "calibration.overview": only(Role.MENTOR, Role.MANAGER, Role.ADMIN),
    "calibration.export": only(Role.MANAGER, Role.ADMIN),
    "calibration.sessions": only(Role.MENTOR, Role.ADMIN),
    "calibration.new_session": only(Role.ADMIN),
    # The example session's mentors are the mentor and a second mentor.
    "calibration.session_page": only(Role.MENTOR, Role.ADMIN),
    "calibration.close": only(Role.ADMIN) | {Role.ADMIN: "redirect"},
    # Hiring: the example assignment is the manager's; admins manage every assignment.
    "hiring.assignments": only(Role.MANAGER, Role.ADMIN),
    "hiring.create_assignment": only(Role.MANAGER, Role.ADMIN),
    "hiring.edit_assignment": only(Role.MANAGER, Role.ADMIN),
    "hiring.assignment": only(Role.MANAGER, Role.ADMIN),
    "hiring.invite_candidate": only(Role.MANAGER, Role.ADMIN, others="forbidden")
    | {Role.MANAGER: "rejected", Role.ADMIN: "rejected"},
    "hiring.revoke_link": only(Role.MANAGER, Role.ADMIN)
    | {Role.MANAGER: "redirect", Role.ADMIN: "redirect"},
    "hiring.reissue_link": only(Role.MANAGER, Role.ADMIN)
    | {Role.MANAGER: "redirect", Role.ADMIN: "redirect"},
    # Without the confirmation box ticked nothing is deleted: back to the candidate's page.
    "hiring.delete_candidate": only(Role.MANAGER, Role.ADMIN)
    | {Role.MANAGER: "redirect", Role.ADMIN: "redirect"},
    "hiring.results": only(Role.MANAGER, Role.ADMIN),
    "hiring.reveal": only(Role.MANAGER, Role.ADMIN)
    | {Role.MANAGER: "redirect", Role.ADMIN: "redirect"},
    "hiring.candidate": only(Role.MANAGER, Role.ADMIN),
    # Two candidates must be ticked: without them, back to the results.
    "hiring.compare": only(Role.MANAGER, Role.ADMIN)
    | {Role.MANAGER: "redirect", Role.ADMIN: "redirect"},
    "hiring.export": only(Role.MANAGER, Role.ADMIN),
    # The example attempt is the trainee's, not a candidate's.
    "hiring.grade": only(Role.MANAGER, Role.ADMIN)
    | {Role.MANAGER: "missing", Role.ADMIN: "missing"},
    # The candidate's pages: the link is the credential, whoever holds it (the example started).
    "hiring.landing": dict.fromkeys(EVERYONE, "ok"),
    "hiring.start": dict.fromkeys(EVERYONE, "redirect"),
    "hiring.play": dict.fromkeys(EVERYONE, "ok"),
    "hiring.reply": dict.fromkeys(EVERYONE, "rejected"),
    "hiring.signal": dict.fromkeys(EVERYONE, "rejected"),
    "hiring.done": dict.fromkeys(EVERYONE, "redirect"),
    # Authoring: only authors. The example draft is an unchanged copy of a shipped scenario.
    "authoring.drafts": only(Role.MENTOR),
    "authoring.new_draft": only(Role.MENTOR) | {Role.MENTOR: "redirect"},  # a blank draft
    "authoring.upload": only(Role.MENTOR) | {Role.MENTOR: "rejected"},  # no file
    "authoring.edit": only(Role.MENTOR),
    "authoring.autosave": only(Role.MENTOR) | {Role.MENTOR: "400"},  # no JSON text
    "authoring.check": only(Role.MENTOR) | {Role.MENTOR: "400"},
    "authoring.map_page": only(Role.MENTOR),
    "authoring.try_draft": only(Role.MENTOR),
    "authoring.start_try": only(Role.MENTOR) | {Role.MENTOR: "redirect"},
    "authoring.try_reply": only(Role.MENTOR) | {Role.MENTOR: "rejected"},  # an empty reply
    "authoring.try_sample": only(Role.MENTOR) | {Role.MENTOR: "rejected"},
    "authoring.publish": only(Role.MENTOR) | {Role.MENTOR: "redirect"},  # unchanged: nothing new
    "authoring.scenario": only(Role.MENTOR),
    "authoring.diff": only(Role.MENTOR),
    # Without the confirmation box ticked nothing is retired: back to the scenario's page.
    "authoring.retire": only(Role.MENTOR) | {Role.MENTOR: "redirect"},
    "authoring.restore": only(Role.MENTOR) | {Role.MENTOR: "redirect"},
    "authoring.export": only(Role.MENTOR),
}
