"""The events one package sends and others react to, without importing each other's views.

Each is sent with the app as sender, after the change it announces is committed.
"""

from __future__ import annotations

from blinker import Namespace

_events = Namespace()

# An attempt's grades that count were set or changed, with `attempt` and `by`: the attempt
# finished (the machine's grade, `by` None) or a reviewer saved corrections (`by` the reviewer).
attempt_graded = _events.signal("attempt-graded")

# A rank was awarded, with `award`.
rank_awarded = _events.signal("rank-awarded")
