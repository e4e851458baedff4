"""SQLite through aiosqlite in one trip per statement.

aiosqlite runs SQLite in a thread of its own and every call to it is a trip there and back
(a queue, a future, waking the event loop). SQLAlchemy's aiosqlite adapter makes three trips
for a write (cursor, execute, close) and four for a read (and fetchall); most of a reply's CPU
went to those trips. This adapter runs each statement whole (execute, fetch, close) in one
trip. Everything else is SQLAlchemy's aiosqlite dialect unchanged; ``create_engine`` selects
it for ``sqlite+aiosqlite`` URLs.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)

NAME = "sqlite.tindaklanjut"
"""The name the dialect is registered under (``sqlite+tindaklanjut://``)."""

_Result = tuple[Any, list[Any] | None, int | None, int]


def _whole(conn: sqlite3.Connection, operation: str, parameters: Any) -> _Result:
    """In SQLite's thread: run one statement and read everything a caller may ask of it."""
    cursor = conn.cursor()
    try:
        cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else None
        return description, rows, cursor.lastrowid, cursor.rowcount
    finally:
        cursor.close()


class _Cursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        """One trip to SQLite's thread for the whole statement."""
        connection: Any = self._connection  # aiosqlite's Connection
        arguments = () if parameters is None else parameters
        try:
            found = self.await_(connection._execute(_whole, connection._conn, operation, arguments))
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        description, rows, lastrowid, rowcount = found
        if description:
            self.description = description
            self.lastrowid = self.rowcount = -1
            self._rows = deque(rows or ())
        else:
            self.description = None
            self.lastrowid = lastrowid
            self.rowcount = rowcount


class _Connection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()

    def cursor(self, server_side: bool = False) -> Any:
        """The one-trip cursor (a server-side cursor stays SQLAlchemy's)."""
        if server_side:
            return super().cursor(server_side)
        return _Cursor(self)


class _Driver(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> Any:
        """SQLAlchemy's connection, answering with the one-trip cursor."""
        connection = super().connect(*arg, **kw)
        if type(connection) is AsyncAdapt_aiosqlite_connection:
            connection.__class__ = _Connection
        return connection


class Dialect(SQLiteDialect_aiosqlite):
    """SQLAlchemy's aiosqlite dialect with the one-trip cursor."""

    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> Any:
        """aiosqlite and sqlite3, adapted as SQLAlchemy does, with the one-trip connection."""
        return _Driver(__import__("aiosqlite"), __import__("sqlite3"))


registry.register(NAME, __name__, "Dialect")
