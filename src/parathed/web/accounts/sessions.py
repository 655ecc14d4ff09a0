"""The session engine: Django's database sessions, written only when they must be.

``SESSION_SAVE_EVERY_REQUEST`` renews a session on every request, so that a logged-in
user is logged out after 30 idle minutes (reliability.md S6). A session without a login
needs no renewal: a respondent's holds the link and the draft, and once it has timed out
the resume cookie finds the draft again (``survey.views._RespondentView.gate``). So
such a session is written only when its content changed; a respondent page then costs
one session read and no write (the write was a transaction of its own, a WAL flush on
PostgreSQL, on every page of every respondent).
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """Saves a session with a login on every request, one without only on a change."""

    def save(self, must_create: bool = False) -> None:
        """Skips the write of an unchanged session that holds no login."""
        if (
            not must_create
            and not self.modified
            and self.session_key is not None
            and SESSION_KEY not in self
        ):
            return
        super().save(must_create=must_create)
