"""Offline fake of the Telegram Bot API at PTB's request layer, for flow and fault tests.

A :class:`RecordingRequest` is handed to ``ApplicationBuilder().request(...)`` (and, if polling
is exercised, ``.get_updates_request(...)``). It is the playground's Telegram stand-in
(``bot/playground/standin.py``: Telegram's answers and rules, one fake rather than two) plus
what tests need: every call recorded, validated against the official Bot API spec
(``tests/support/telegram-bot-api/api.json``) and injectable faults.

Decisions worth knowing:

* The HTML check is stricter than the real server where the docs demand it: bare ``>``/``&``,
  unknown named entities, unknown attributes and ``<a>`` without ``href`` are violations
  (Telegram silently tolerates some of them). ``Markdown``/``MarkdownV2`` text is not parsed.
* A *violation* is a malformed request (an app bug); it is listed in ``violations`` and
  answered with HTTP 400 (404 for an unknown method, as Telegram does). Runtime conditions
  (blocked user, migrated group, injected faults, unknown file id, "message is not modified")
  are answered like Telegram but are not violations.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.playground.html import EntityParseError, ParsedText, parse_html, parse_text, utf16_len
from bot.playground.standin import (
    BOT_ID,
    BOT_USERNAME,
    CALLBACK_DATA_LIMIT,
    SEND_METHODS,
    TEXT_LIMIT,
    Call,
    Reject,
    TelegramStandIn,
    UploadedFile,
    attach_refs,
    norm_chat,
)

JSONDict = dict[str, Any]

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "CALLBACK_DATA_LIMIT",
    "TEXT_LIMIT",
    "ApiSpec",
    "Call",
    "EntityParseError",
    "ParsedText",
    "RecordingRequest",
    "UploadedFile",
    "load_api_spec",
    "parse_html",
    "parse_text",
    "utf16_len",
]

_SCALARS: dict[str, Callable[[Any], bool]] = {
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "String": lambda v: isinstance(v, str),
    "Boolean": lambda v: isinstance(v, bool),
    "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "InputFile": lambda v: isinstance(v, str),  # attach://, file_id or URL; uploads are files
}
_MUST_BE = re.compile(r"must be [\"“]?([a-z_]+)")
# the methods the stand-in answers itself; others are answered from the spec's return types
_STAND_IN_ANSWERS = frozenset(
    {"getMe", "getFile", "getChat", "getChatMember", "deleteMessage", "answerCallbackQuery"}
    | {"setMyCommands", "deleteMyCommands", "getMyCommands", "copyMessage"}
    | SEND_METHODS
)


# --------------------------------------------------------------------------- the API spec
SPEC_PATH = Path(__file__).resolve().parent / "telegram-bot-api" / "api.json"


def _spec_path() -> Path:
    """The spec to validate against: $TELEGRAM_BOT_API_SPEC when set (e.g. to try a newer
    Bot API version), else the copy kept next to this module."""
    if env := os.environ.get("TELEGRAM_BOT_API_SPEC"):
        return Path(env)
    return SPEC_PATH


@lru_cache(maxsize=1)
def load_api_spec() -> ApiSpec:
    """Load and cache the Bot API spec used for every validation."""
    return ApiSpec(json.loads(_spec_path().read_text(encoding="utf-8")))


class ApiSpec:
    """The official methods and types, able to check a value against a declared type."""

    def __init__(self, data: JSONDict) -> None:
        self.version: str = data.get("version", "?")
        self.methods: dict[str, JSONDict] = data["methods"]
        self.types: dict[str, JSONDict] = data["types"]

    def fields(self, name: str) -> dict[str, JSONDict]:
        """Fields of a method or type by name (empty for e.g. ``getMe``)."""
        spec = self.methods.get(name) or self.types.get(name) or {}
        return {f["name"]: f for f in spec.get("fields", [])}

    def skeleton(self, type_name: str, given: JSONDict) -> JSONDict:
        """``given`` plus neutral values (False, 0, "", nested objects) for missing required
        fields, so PTB can parse results of methods the fake only answers generically."""
        neutral = {"Boolean": False, "Integer": 0, "Float": 0.0, "String": ""}
        result = dict(given)
        for name, fld in self.fields(type_name).items():
            if fld["required"] and name not in result:
                kind = fld["types"][0]
                result[name] = neutral.get(kind, [] if kind.startswith("Array") else None)
                if result[name] is None:
                    result[name] = self.skeleton(kind, {})
        return result

    def check(self, value: Any, types: Sequence[str], where: str) -> list[str]:
        """Problems of ``value`` against a union of spec types (empty list when it fits)."""
        if all(t in _SCALARS for t in types):
            if any(_SCALARS[t](value) for t in types):
                if isinstance(value, str) and not _is_utf8(value):
                    return [f"{where}: string is not valid UTF-8"]
                return []
            return [f"{where}: expected {' or '.join(types)}, got {_json_type(value)}"]
        best: list[str] | None = None
        for type_name in types:
            problems = self._check_one(value, type_name, where)
            if not problems:
                return []
            if best is None or len(problems) < len(best):
                best = problems
        return best or []

    def _check_one(self, value: Any, type_name: str, where: str) -> list[str]:
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                return [f"{where}: expected {type_name}, got {_json_type(value)}"]
            inner = type_name.removeprefix("Array of ")
            return [p for i, v in enumerate(value) for p in self.check(v, [inner], f"{where}[{i}]")]
        if type_name in _SCALARS:
            return self.check(value, [type_name], where)
        spec = self.types.get(type_name)
        if spec is None:
            return []
        if not isinstance(value, dict):
            return [f"{where}: expected {type_name} object, got {_json_type(value)}"]
        if spec.get("subtypes"):
            return self.check(value, spec["subtypes"], where)
        fields = self.fields(type_name)
        problems = [
            f"{where}: unknown field {k!r} in {type_name}" for k in value if k not in fields
        ]
        for name, fld in fields.items():
            if name not in value:
                if fld["required"]:
                    problems.append(f"{where}: {type_name} misses required field {name!r}")
                continue
            problems += self.check(value[name], fld["types"], f"{where}.{name}")
            must = _MUST_BE.search(fld.get("description", "")) if name == "type" else None
            if must and value[name] != must.group(1):
                problems.append(f"{where}.type: {type_name} needs {must.group(1)!r}")
        return problems


def _json_type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "float", str: "string", list: "array"}.get(
        type(value), "object" if isinstance(value, dict) else type(value).__name__
    )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --------------------------------------------------------------------------- the fake
class RecordingRequest(TelegramStandIn, BaseRequest):
    """A ``BaseRequest`` that plays Telegram offline, validating and recording every call."""

    poll_wait = 0.05  # long polling waits at most 50 ms, so polling tests never idle

    def __init__(
        self,
        *,
        bot_id: int = BOT_ID,
        bot_username: str = BOT_USERNAME,
        now: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(bot_id=bot_id, bot_username=bot_username, now=now)
        self.spec = load_api_spec()
        self.calls: list[Call] = []
        self._broken_downloads = 0
        self._faults: list[tuple[int, str, int | None]] = []

    # ---- BaseRequest interface
    @property
    def read_timeout(self) -> float | None:
        """Default read timeout (irrelevant offline)."""
        return None

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down; recorded state survives for assertions."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one HTTP request the way api.telegram.org would."""
        if "/file/bot" in url:
            return self._download(url)
        api_method = url.rsplit("/", 1)[-1]
        params, files = self._decode(api_method, request_data)
        return await self.handle(api_method, params, files)

    # ---- setup helpers for tests
    def fail_next(
        self, status: int, description: str, count: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer the next ``count`` calls (except getMe) with this error."""
        if status == 429 and retry_after is None:
            retry_after = 1
        self._faults += [(status, description, retry_after)] * count

    def fail_next_downloads(self, count: int = 1) -> None:
        """Answer the next ``count`` requests to the file endpoint with 502 Bad Gateway."""
        self._broken_downloads += count

    def clear(self) -> None:
        """Forget recorded calls and downloads (violations are kept for ``assert_clean``)."""
        self.calls.clear()
        self.downloads.clear()

    # ---- assertions
    def assert_clean(self) -> None:
        """Fail if any call broke the Bot API spec or Telegram's rules."""
        if self.violations:
            listing = "\n  - ".join(self.violations)
            count = len(self.violations)
            raise AssertionError(f"{count} Telegram API violation(s):\n  - {listing}")

    def sent(
        self,
        method: str | None = "sendMessage",
        chat_id: int | str | None = None,
        *,
        include_failed: bool = False,
    ) -> list[Call]:
        """Calls of ``method`` (None: any) to ``chat_id`` (None: any), successful ones only."""
        return [
            c
            for c in self.calls
            if (method is None or c.method == method)
            and (chat_id is None or c.chat_id == norm_chat(chat_id))
            and (include_failed or c.ok)
        ]

    def texts(self, chat_id: int | str) -> list[str]:
        """Texts/captions successfully sent (sendMessage/Photo/Document) to a chat, in order."""
        return [c.text or "" for c in self.sent(None, chat_id) if c.method in SEND_METHODS]

    def last(self, chat_id: int | str | None = None, method: str | None = None) -> Call:
        """The last successful send (or ``method``) call to ``chat_id``."""
        calls = [c for c in self.sent(method, chat_id) if method or c.method in SEND_METHODS]
        if not calls:
            raise AssertionError(f"nothing was sent to chat {chat_id!r}")
        return calls[-1]

    @staticmethod
    def buttons(call: Call) -> list[list[tuple[str, str]]]:
        """Inline keyboard of a call as rows of (text, callback_data or url)."""
        rows = (call.reply_markup or {}).get("inline_keyboard", [])
        return [
            [(b.get("text", ""), b.get("callback_data", b.get("url", ""))) for b in row]
            for row in rows
        ]

    # ---- decoding and validation against the spec
    def _record(self, call: Call) -> None:
        self.calls.append(call)

    def _decode(
        self, method: str, request_data: RequestData | None
    ) -> tuple[JSONDict, dict[str, UploadedFile]]:
        """Python values as sent on the wire; JSON strings for object fields are decoded."""
        raw = request_data.parameters if request_data else {}
        params = self.decode_fields(method, {k: json.loads(json.dumps(v)) for k, v in raw.items()})
        files: dict[str, UploadedFile] = {}
        if request_data is not None and request_data.contains_files:
            for part, (file_name, content, mime) in request_data.multipart_data.items():
                data = content if isinstance(content, bytes) else content.read()
                files[part] = UploadedFile(file_name, data, mime)
        return params, files

    def decode_fields(self, method: str, raw: JSONDict) -> JSONDict:
        """Decode JSON-encoded object fields (as PTB sends them), by the spec's field types."""
        fields = self.spec.fields(method)
        params: JSONDict = {}
        for name, value in raw.items():
            types = fields.get(name, {}).get("types", [])
            if isinstance(value, str) and types and not {"String", "InputFile"} & set(types):
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            params[name] = value
        return params

    def _validate(self, call: Call) -> None:
        method, params = call.method, call.params
        if method not in self.spec.methods:
            raise Reject(404, "Not Found", f"unknown Bot API method (spec {self.spec.version})")
        fields = self.spec.fields(method)
        attached = set(attach_refs(params))
        present = set(params) | {p for p in call.files if p not in attached}
        problems = [f"unknown parameter {name!r}" for name in present if name not in fields]
        problems += [
            f"missing required parameter {n!r}"
            for n, f in fields.items()
            if f["required"] and n not in present
        ]
        for name, value in params.items():
            if name in fields:
                problems += self.spec.check(value, fields[name]["types"], name)
        if problems:
            raise Reject(400, f"Bad Request: {problems[0]}", "; ".join(problems))
        super()._validate(call)

    # ---- answers
    def _inject_faults(self, call: Call) -> None:
        if self._faults and call.method != "getMe":
            status, description, retry_after = self._faults.pop(0)
            params = {"retry_after": retry_after} if retry_after is not None else None
            raise Reject(status, description, parameters=params)
        super()._inject_faults(call)

    def _answer(self, call: Call) -> Any:
        method = call.method
        if method == "getChat":
            return self.spec.skeleton("ChatFullInfo", self._chat(call.chat_id))
        if method == "getChatMember":
            member = self._member(call.chat_id, call.params["user_id"])
            type_name = {"creator": "ChatMemberOwner", "kicked": "ChatMemberBanned"}.get(
                member["status"], f"ChatMember{member['status'].title()}"
            )
            return self.spec.skeleton(type_name, member)
        if method in _STAND_IN_ANSWERS or method.startswith("editMessage"):
            return super()._answer(call)
        returns = self.spec.methods[method].get("returns", [])
        if returns == ["Message"]:
            return self._send(call)
        if returns == ["MessageId"]:
            return {"message_id": self._new_message_id(call.chat_id)}
        if returns and returns[0].startswith("Array of"):
            return []  # e.g. getChatAdministrators: parseable, empty
        return True

    def new_update(self, kind: str, payload: JSONDict) -> JSONDict:
        """An update of the people's side, checked against the spec's ``Update`` type."""
        update = super().new_update(kind, payload)
        for problem in self.spec.check(update, ["Update"], "update"):
            self.violations.append(f"stand-in update: {problem}")
        return update

    def _respond(self, call: Call) -> Any:
        """The answer, checked against the return type the spec gives the method."""
        result = self._answer(call)
        returns = self.spec.methods[call.method].get("returns", [])
        if returns:
            for problem in self.spec.check(result, returns, f"{call.method} result"):
                self.violations.append(f"stand-in answer: {problem}")
        return result

    def _download(self, url: str) -> tuple[int, bytes]:
        if self._broken_downloads:
            self._broken_downloads -= 1
            self.downloads.append(url)
            return 502, b"Bad Gateway"
        return super()._download(url)
