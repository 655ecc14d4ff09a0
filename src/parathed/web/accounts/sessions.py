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

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    """Saves a session with a login on every request, one without only on a change.

    The read is one hand-written SELECT of the session data: every request with a
    session cookie makes it, and through the ORM it cost four times as much Python
    as the database needs for it (issue #4).
    """

    def _get_session_from_db(self) -> Any:
        """Returns the unexpired session row (only its data loaded), or None."""
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "  # noqa: S608
                f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=str(self.session_key), session_data=row[0])

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
