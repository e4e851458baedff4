"""Offline fake of the Telegram Bot API at PTB's request layer.

A :class:`RecordingRequest` is handed to ``ApplicationBuilder().request(...)`` (and, if polling
is exercised, ``.get_updates_request(...)``). It records every call, validates it against the
official Bot API spec (``tests/support/telegram-bot-api/api.json``) plus Telegram's own rules (text
length after entity parsing, HTML markup, inline keyboards, bot commands) and answers with
JSON shaped exactly like Telegram's, including the error answers PTB turns into exceptions.

Decisions worth knowing:

* Lengths of ``text``/``caption`` are counted in Unicode code points after HTML parsing and
  stripping surrounding whitespace; entity offsets in results are UTF-16 code units.
* The HTML check is stricter than the real server where the docs demand it: bare ``>``/``&``,
  unknown named entities, unknown attributes and ``<a>`` without ``href`` are violations
  (Telegram silently tolerates some of them). ``Markdown``/``MarkdownV2`` text is not parsed.
* A *violation* is a malformed request (an app bug); it is listed in ``violations`` and
  answered with HTTP 400 (404 for an unknown method, as Telegram does). Runtime conditions
  (blocked user, migrated group, injected faults, unknown file id, "message is not modified")
  are answered like Telegram but are not violations.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import mimetypes
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

JSONDict = dict[str, Any]

BOT_ID = 999000
BOT_USERNAME = "TindakLanjutBot"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
CALLBACK_ANSWER_LIMIT = 200
MAX_INLINE_BUTTONS = 100
MAX_COMMANDS = 100
DOWNLOAD_LIMIT = 20 * 1024 * 1024  # getFile serves files up to 20 MB
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
_SCALARS: dict[str, Callable[[Any], bool]] = {
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "String": lambda v: isinstance(v, str),
    "Boolean": lambda v: isinstance(v, bool),
    "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "InputFile": lambda v: isinstance(v, str),  # attach://, file_id or URL; uploads are files
}
_MUST_BE = re.compile(r"must be [\"“]?([a-z_]+)")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


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


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- HTML parse mode
class EntityParseError(ValueError):
    """Raised for markup Telegram answers with "can't parse entities"."""


@dataclass(frozen=True)
class ParsedText:
    """Visible text after entity parsing, with entities (UTF-16 offsets) as Telegram returns."""

    text: str
    entities: list[JSONDict]


_TAG_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_ATTR_SRC = r"""([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"""
_START_TAG = re.compile(rf"<({_TAG_NAME})((?:\s+{_ATTR_SRC})*)\s*>")
_ATTR = re.compile(_ATTR_SRC)
_END_TAG = re.compile(rf"</({_TAG_NAME})\s*>")
_HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]*));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_TAG_ATTRS = {
    "a": {"href"},
    "span": {"class"},
    "code": {"class"},
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}


@dataclass
class _Open:
    name: str
    attrs: dict[str, str]
    offset: int  # UTF-16
    language: str | None = None


def parse_html(source: str) -> ParsedText:
    """Parse Telegram-flavoured HTML the way the server does; raise EntityParseError if invalid."""
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[JSONDict] = []

    def at(i: int) -> str:
        return f"at byte offset {len(source[:i].encode('utf-8', 'surrogatepass'))}"

    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "<" and (m := _END_TAG.match(source, i)):
            name = m.group(1).lower()
            if not stack:
                raise EntityParseError(f'Unexpected end tag "</{name}>" {at(i)}')
            if stack[-1].name != name:
                raise EntityParseError(
                    f'Unmatched end tag {at(i)}, expected "</{stack[-1].name}>", found "</{name}>"'
                )
            _close(stack.pop(), stack, pos16, entities)
            i = m.end()
        elif ch == "<" and (m := _START_TAG.match(source, i)):
            stack.append(_open_tag(m.group(1).lower(), m.group(2), stack, pos16, at(i)))
            i = m.end()
        elif ch == "<":
            raise EntityParseError(f'Unescaped "<" or malformed tag {at(i)}; use &lt;')
        elif ch == ">":
            raise EntityParseError(f'Unescaped ">" {at(i)}; use &gt;')
        elif ch == "&":
            m = _HTML_ENTITY.match(source, i)
            if m is None:
                raise EntityParseError(f'Unescaped "&" {at(i)}; use &amp;')
            if m.group(3) is not None:
                if m.group(3) not in _NAMED:
                    raise EntityParseError(f'Unsupported HTML entity "{m.group(0)}" {at(i)}')
                decoded = _NAMED[m.group(3)]
            else:
                code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
                if not (0 < code <= 0x10FFFF) or 0xD800 <= code <= 0xDFFF:
                    raise EntityParseError(f'Invalid numeric entity "{m.group(0)}" {at(i)}')
                decoded = chr(code)
            out.append(decoded)
            pos16 += utf16_len(decoded)
            i = m.end()
        else:
            out.append(ch)
            pos16 += utf16_len(ch)
            i += 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def _open_tag(name: str, raw_attrs: str, stack: list[_Open], pos16: int, where: str) -> _Open:
    if name not in _TAG_ENTITY:
        raise EntityParseError(f'Unsupported start tag "{name}" {where}')
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(raw_attrs):
        attr = m.group(1).lower()
        if attr not in _TAG_ATTRS.get(name, set()):
            raise EntityParseError(f'Unsupported attribute "{attr}" in tag "{name}" {where}')
        value = next((g for g in m.groups()[1:] if g is not None), "")
        attrs[attr] = re.sub(r"&(lt|gt|amp|quot);", lambda e: _NAMED[e.group(1)], value)
    parent = stack[-1].name if stack else None
    if any(o.name == "code" for o in stack):
        raise EntityParseError(f'Tag "{name}" can\'t be nested inside "code" {where}')
    if any(o.name == "pre" for o in stack) and not (name == "code" and parent == "pre"):
        raise EntityParseError(f'Only "code" can be nested inside "pre"; found "{name}" {where}')
    if name in ("a", "blockquote") and any(o.name == name for o in stack):
        raise EntityParseError(f'Tag "{name}" can\'t be nested inside another "{name}" {where}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
    if name == "a" and not attrs.get("href"):
        raise EntityParseError(f'Tag "a" must have a non-empty "href" {where}')
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityParseError(f"Invalid custom emoji identifier specified {where}")
    if name == "code" and "class" in attrs:
        if parent != "pre" or not attrs["class"].startswith("language-"):
            raise EntityParseError(
                f'Only "code" inside "pre" may have class="language-..." {where}'
            )
        stack[-1].language = attrs["class"].removeprefix("language-")
    return _Open(name, attrs, pos16)


def _close(tag: _Open, stack: list[_Open], pos16: int, entities: list[JSONDict]) -> None:
    length = pos16 - tag.offset
    if length == 0 or (tag.name == "code" and stack and stack[-1].name == "pre"):
        return
    entity: JSONDict = {"type": _TAG_ENTITY[tag.name], "offset": tag.offset, "length": length}
    if tag.name == "a":
        entity["url"] = tag.attrs["href"]
    elif tag.name == "pre" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    entities.append(entity)


def parse_text(text: str, parse_mode: str | None) -> ParsedText:
    """Visible text and entities of a message text/caption for the given parse mode."""
    if parse_mode is not None and parse_mode.lower() == "html":
        return parse_html(text)
    return ParsedText(text, [])  # Markdown(V2) is not parsed by the fake


# --------------------------------------------------------------------------- recorded calls
@dataclass(frozen=True)
class UploadedFile:
    """A file uploaded with multipart/form-data."""

    file_name: str
    content: bytes
    mime_type: str


@dataclass
class Call:
    """One recorded Bot API call: method, decoded parameters, uploads and the answer given."""

    method: str
    params: JSONDict
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int = 200
    result: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether Telegram answered ``ok: true``."""
        return self.status == 200

    @property
    def chat_id(self) -> int | str | None:
        """Target chat (numeric strings normalised to int)."""
        return _norm_chat(self.params.get("chat_id"))

    @property
    def text(self) -> str | None:
        """``text`` or ``caption`` exactly as sent (still with HTML markup)."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def plain_text(self) -> str | None:
        """The text as the user sees it (HTML parsed, entities decoded)."""
        if self.text is None:
            return None
        try:
            return parse_text(self.text, self.params.get("parse_mode")).text
        except EntityParseError:
            return self.text

    @property
    def reply_markup(self) -> JSONDict | None:
        """The decoded reply markup, if any."""
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None


def _norm_chat(chat_id: object) -> int | str | None:
    if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
        return int(chat_id)
    return chat_id if isinstance(chat_id, int | str) else None


@dataclass
class _StoredFile:
    file_id: str
    unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    path: str
    size: int  # what Telegram says the file weighs (a test may claim more than the bytes)


class _Reject(Exception):
    """Answer the current call with an error (``violation`` marks an app bug)."""

    def __init__(
        self,
        status: int,
        description: str,
        violation: str | None = None,
        parameters: JSONDict | None = None,
    ) -> None:
        super().__init__(description)
        self.status, self.description = status, description
        self.violation, self.parameters = violation, parameters


# --------------------------------------------------------------------------- the fake
class RecordingRequest(BaseRequest):
    """A ``BaseRequest`` that plays Telegram offline, validating and recording every call."""

    def __init__(
        self,
        *,
        bot_id: int = BOT_ID,
        bot_username: str = BOT_USERNAME,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Tindak Lanjut",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.now = now
        self.spec = load_api_spec()
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.downloads: list[str] = []
        self._broken_downloads = 0
        self.unreachable: set[int] = set()
        self.migrated: dict[int, int] = {}
        self.member_status: dict[tuple[int, int], str] = {}
        self._faults: list[tuple[int, str, int | None]] = []
        self._updates: list[JSONDict] = []
        self._update_event = asyncio.Event()
        self._chats: dict[Any, JSONDict] = {}
        self._next_message_id: dict[Any, int] = {}
        self._messages: dict[tuple[Any, int], JSONDict] = {}
        self._files: dict[str, _StoredFile] = {}
        self._by_path: dict[str, _StoredFile] = {}

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

    async def handle(
        self, api_method: str, params: JSONDict, files: dict[str, UploadedFile]
    ) -> tuple[int, bytes]:
        """Validate, record and answer one Bot API call (shared with the HTTP fake server)."""
        call = Call(api_method, params, files)
        self.calls.append(call)
        try:
            self._validate(call)
            self._inject_faults(call)
            if api_method == "getUpdates":
                call.result = await self._get_updates(params)
            else:
                call.result = self._answer(call)
        except _Reject as rejection:
            call.status, call.error = rejection.status, rejection.description
            if rejection.violation:
                self.violations.append(f"{api_method}: {rejection.violation}")
            body: JSONDict = {
                "ok": False,
                "error_code": rejection.status,
                "description": rejection.description,
            }
            if rejection.parameters:
                body["parameters"] = rejection.parameters
            return rejection.status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    # ---- setup helpers for tests
    def queue_update(self, update: JSONDict) -> None:
        """Make ``getUpdates`` deliver this update (a dict with ``update_id``)."""
        self._updates.append(update)
        self._update_event.set()

    def add_file(
        self,
        content: bytes,
        file_name: str = "dokumen.pdf",
        mime_type: str | None = None,
        *,
        size: int | None = None,
    ) -> JSONDict:
        """Register a downloadable file; return a ``Document`` dict for update factories.
        ``size`` makes Telegram report a larger file than ``content`` (over 20 MB, getFile
        refuses it: "file is too big")."""
        stored = self._store_file(content, file_name, mime_type, size=size)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": stored.size,
        }

    def file_content(self, file_id: str) -> bytes:
        """Bytes behind a file id (registered or uploaded by the bot)."""
        return self._files[file_id].content

    def add_chat(self, chat: JSONDict) -> None:
        """Use this Chat dict (e.g. from ``updates.private_chat``) in results for its id."""
        self._chats[chat["id"]] = dict(chat)

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
            and (chat_id is None or c.chat_id == _norm_chat(chat_id))
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

    # ---- decoding and validation
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
        """Decode JSON-encoded object fields (as PTB sends them) into Python values."""
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
            raise _Reject(404, "Not Found", f"unknown Bot API method (spec {self.spec.version})")
        fields = self.spec.fields(method)
        attached = set(_attach_refs(params))
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
            raise _Reject(400, f"Bad Request: {problems[0]}", "; ".join(problems))
        self._check_rules(method, params)

    def _check_rules(self, method: str, params: JSONDict) -> None:
        """Telegram rules that the spec states only in prose."""
        parse_mode = params.get("parse_mode")
        if parse_mode is not None and parse_mode.lower() not in {"html", "markdown", "markdownv2"}:
            _bad(f"unsupported parse_mode {parse_mode!r}", "unsupported parse_mode")
        if method in ("sendMessage", "editMessageText"):
            if "text" not in params and "rich_message" not in params:
                _bad("text is missing", "message text is empty")
            if "text" in params:
                visible = _parsed(params["text"], parse_mode, "text").text.strip()
                if not visible:
                    _bad("text is empty after entity parsing", "message text is empty")
                if len(visible) > TEXT_LIMIT:
                    _bad(
                        f"text is {len(visible)} characters after entity parsing "
                        f"(max {TEXT_LIMIT})",
                        "message is too long",
                    )
        if "caption" in params and "caption" in self.spec.fields(method):
            visible = _parsed(params["caption"], parse_mode, "caption").text.strip()
            if len(visible) > CAPTION_LIMIT:
                _bad(
                    f"caption is {len(visible)} characters after entity parsing "
                    f"(max {CAPTION_LIMIT})",
                    "message caption is too long",
                )
        if method.startswith("editMessage") and "inline_message_id" not in params:
            if "chat_id" not in params or "message_id" not in params:
                _bad(
                    "needs chat_id and message_id (or inline_message_id)",
                    "message identifier is not specified",
                )
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            self._check_inline_keyboard(markup["inline_keyboard"])
        if method == "answerCallbackQuery" and len(params.get("text", "")) > CALLBACK_ANSWER_LIMIT:
            _bad(
                f"callback answer text is {len(params['text'])} characters "
                f"(max {CALLBACK_ANSWER_LIMIT})",
                "MESSAGE_TOO_LONG",
            )
        if method == "setMyCommands":
            _check_commands(params["commands"])

    def _check_inline_keyboard(self, rows: list[list[JSONDict]]) -> None:
        actions = set(self.spec.fields("InlineKeyboardButton")) - {
            "text",
            "icon_custom_emoji_id",
            "style",
        }
        count = sum(len(row) for row in rows)
        if count > MAX_INLINE_BUTTONS:
            _bad(f"{count} inline buttons (max {MAX_INLINE_BUTTONS})", "reply markup is too long")
        for r, row in enumerate(rows):
            for c, button in enumerate(row):
                where = f"inline_keyboard[{r}][{c}]"
                if not button.get("text"):
                    _bad(f"{where} has no text", "inline keyboard button text is empty")
                used = sorted(actions & set(button))
                if len(used) != 1:
                    _bad(
                        f"{where} {button.get('text')!r} needs exactly one action field, has "
                        f"{used}",
                        "text buttons are unallowed in the inline keyboard",
                    )
                if "callback_data" in button:
                    size = len(button["callback_data"].encode("utf-8"))
                    if not 1 <= size <= CALLBACK_DATA_LIMIT:
                        _bad(
                            f"{where} callback_data is {size} bytes (1-{CALLBACK_DATA_LIMIT}): "
                            f"{button['callback_data']!r}",
                            "BUTTON_DATA_INVALID",
                        )
                if "url" in button and not button["url"].strip():
                    _bad(f"{where} has an empty url", "BUTTON_URL_INVALID")

    # ---- answers
    def _inject_faults(self, call: Call) -> None:
        if self._faults and call.method != "getMe":
            status, description, retry_after = self._faults.pop(0)
            params = {"retry_after": retry_after} if retry_after is not None else None
            raise _Reject(status, description, parameters=params)
        chat_id = call.chat_id
        if isinstance(chat_id, int) and chat_id in self.migrated:
            raise _Reject(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                parameters={"migrate_to_chat_id": self.migrated[chat_id]},
            )
        sending = call.method.startswith("send") or call.method in ("copyMessage", "forwardMessage")
        if sending and chat_id in self.unreachable:
            raise _Reject(403, "Forbidden: bot can't initiate conversation with a user")

    def _answer(self, call: Call) -> Any:
        method, params = call.method, call.params
        if method == "getMe":
            return self.bot_user
        if method == "getFile":
            stored = self._files.get(params["file_id"])
            if stored is None:
                raise _Reject(400, "Bad Request: invalid file_id")
            if stored.size > DOWNLOAD_LIMIT:
                raise _Reject(400, "Bad Request: file is too big")
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.unique_id,
                "file_size": stored.size,
                "file_path": stored.path,
            }
        if method == "getChat":
            return self.spec.skeleton("ChatFullInfo", self._chat(call.chat_id))
        if method == "getChatMember":
            return self._member(call.chat_id, params["user_id"])
        if method.startswith("editMessage"):
            return self._edit(call)
        returns = self.spec.methods[method].get("returns", [])
        if returns == ["Message"]:
            return self._send(call)
        if returns == ["MessageId"]:
            return {"message_id": self._new_message_id(call.chat_id)}
        if returns and returns[0].startswith("Array of"):
            return []  # e.g. getMyCommands, getChatAdministrators: parseable, empty
        return True

    def _chat(self, chat_id: Any) -> JSONDict:
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if isinstance(chat_id, str):  # @username of a channel/supergroup
            fake_id = -1000000000000 - int(hashlib.sha1(chat_id.encode()).hexdigest()[:8], 16)
            return {"id": fake_id, "type": "channel", "title": chat_id[1:], "username": chat_id[1:]}
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"Pengguna {chat_id}"}
        return {"id": chat_id, "type": "supergroup", "title": f"Grup {chat_id}"}

    def _bot_sender(self) -> JSONDict:
        """The bot as it appears in ``Message.from`` (without getMe-only capabilities)."""
        return {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}

    def _new_message_id(self, chat_id: Any) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 999) + 1
        return self._next_message_id[chat_id]

    def _send(self, call: Call) -> JSONDict:
        params, chat_id = call.params, call.chat_id
        message: JSONDict = {
            "message_id": self._new_message_id(chat_id),
            "from": self._bot_sender(),
            "date": int(self.now()),
            "chat": self._chat(chat_id),
        }
        self._set_content(message, params)
        if call.method == "sendDocument":
            message["document"] = self._media(call, "document")
        elif call.method == "sendPhoto":
            doc = self._media(call, "photo")
            message["photo"] = [
                {
                    "file_id": doc["file_id"],
                    "file_unique_id": doc["file_unique_id"],
                    "width": 1280,
                    "height": 960,
                    "file_size": doc["file_size"],
                }
            ]
        reply_to = (params.get("reply_parameters") or {}).get("message_id")
        if reply_to is not None:
            original = self._messages.get((chat_id, reply_to))
            message["reply_to_message"] = (
                dict(original)
                if original
                else {"message_id": reply_to, "date": int(self.now()), "chat": message["chat"]}
            )
            message["reply_to_message"].pop("reply_to_message", None)
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _set_content(self, message: JSONDict, params: JSONDict) -> None:
        for key, entities_key in (("text", "entities"), ("caption", "caption_entities")):
            if key in params:
                parsed = parse_text(params[key], params.get("parse_mode"))
                message[key] = parsed.text
                entities = parsed.entities or params.get(entities_key)
                if entities:
                    message[entities_key] = entities
                else:
                    message.pop(entities_key, None)
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)

    def _media(self, call: Call, name: str) -> JSONDict:
        value = call.params.get(name)
        if isinstance(value, str) and value in self._files:
            stored = self._files[value]
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            stored = self._store_file(b"", value.rsplit("/", 1)[-1] or name, None)
        else:
            part = value.removeprefix("attach://") if isinstance(value, str) else name
            upload = call.files.get(part)
            if upload is None:
                raise _Reject(400, "Bad Request: wrong file identifier/HTTP URL specified")
            stored = self._store_file(upload.content, upload.file_name, upload.mime_type)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": stored.size,
        }

    def _edit(self, call: Call) -> Any:
        params, chat_id = call.params, call.chat_id
        if "inline_message_id" in params:
            return True
        key = (chat_id, params["message_id"])
        old = self._messages.get(key)
        message = (
            dict(old)
            if old
            else {
                "message_id": params["message_id"],
                "from": self._bot_sender(),
                "date": int(self.now()),
                "chat": self._chat(chat_id),
            }
        )
        content = dict(params)
        if call.method == "editMessageReplyMarkup":
            content = {"reply_markup": params.get("reply_markup")}
        self._set_content(message, content)
        if old is not None and {k: v for k, v in message.items() if k != "edit_date"} == {
            k: v for k, v in old.items() if k != "edit_date"
        }:
            raise _Reject(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same as a current content "
                "and reply markup of the message",
            )
        message["edit_date"] = int(self.now())
        self._messages[key] = message
        return message

    def _member(self, chat_id: Any, user_id: int) -> JSONDict:
        status = self.member_status.get((chat_id, user_id), "member")
        type_name = {"creator": "ChatMemberOwner", "kicked": "ChatMemberBanned"}.get(
            status, f"ChatMember{status.title()}"
        )
        known = self._chats.get(user_id, {})
        person = {"id": user_id, "is_bot": False, "first_name": f"Pengguna {user_id}"}
        person |= {k: known[k] for k in ("first_name", "last_name", "username") if k in known}
        member: JSONDict = {"status": status, "user": person}
        if status == "administrator":
            member |= {n: True for n in self.spec.fields(type_name) if n.startswith("can_")}
        return self.spec.skeleton(type_name, member)

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Queued updates with ``update_id >= offset`` (older ones are confirmed and dropped).

        Long polling waits at most 50 ms for a new update, so polling tests never idle."""
        offset = params.get("offset")
        if offset is not None:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and params.get("timeout"):
            self._update_event.clear()
            try:
                await asyncio.wait_for(self._update_event.wait(), min(params["timeout"], 0.05))
            except TimeoutError:
                pass
        return self._updates[: params.get("limit", 100)]

    def _store_file(
        self, content: bytes, file_name: str, mime_type: str | None, *, size: int | None = None
    ) -> _StoredFile:
        n = len(self._files) + 1
        digest = hashlib.sha1(content + file_name.encode() + str(n).encode()).hexdigest()
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        suffix = Path(file_name).suffix
        folder = "photos" if mime.startswith("image/") else "documents"
        stored = _StoredFile(
            file_id=f"BQACAgUAAxkBAAI{n:05d}{digest[:24]}",
            unique_id=f"AgAD{digest[24:36]}",
            file_name=file_name,
            mime_type=mime,
            content=content,
            path=f"{folder}/file_{n}{suffix}",
            size=len(content) if size is None else size,
        )
        self._files[stored.file_id] = stored
        self._by_path[stored.path] = stored
        return stored

    def _download(self, url: str) -> tuple[int, bytes]:
        path = unquote(url.split("/file/bot", 1)[1].split("/", 1)[1])
        self.downloads.append(path)
        if self._broken_downloads:
            self._broken_downloads -= 1
            return 502, b"Bad Gateway"
        stored = self._by_path.get(path)
        if stored is None:
            return 404, json.dumps(
                {"ok": False, "error_code": 404, "description": "Not Found"}
            ).encode()
        return 200, stored.content


def _bad(violation: str, description: str) -> None:
    """Reject the current call as a rule violation with Telegram's description."""
    raise _Reject(400, f"Bad Request: {description}", violation)


def _attach_refs(value: Any) -> Iterable[str]:
    """Multipart part names referenced as ``attach://<name>`` anywhere in a value."""
    if isinstance(value, str) and value.startswith("attach://"):
        yield value.removeprefix("attach://")
    elif isinstance(value, dict):
        for item in value.values():
            yield from _attach_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _attach_refs(item)


def _parsed(text: str, parse_mode: str | None, what: str) -> ParsedText:
    try:
        return parse_text(text, parse_mode)
    except EntityParseError as exc:
        raise _Reject(
            400, f"Bad Request: can't parse entities: {exc}", f"{what}: can't parse entities: {exc}"
        ) from None


def _check_commands(commands: Iterable[JSONDict]) -> None:
    commands = list(commands)
    if len(commands) > MAX_COMMANDS:
        _bad(f"{len(commands)} commands (max {MAX_COMMANDS})", "BOT_COMMANDS_TOO_MUCH")
    for cmd in commands:
        if not _COMMAND.fullmatch(cmd["command"]):
            _bad(f"command {cmd['command']!r} must be 1-32 of [a-z0-9_]", "BOT_COMMAND_INVALID")
        if not 1 <= len(cmd["description"]) <= 256:
            _bad(
                f"command {cmd['command']!r} description must be 1-256 characters",
                "BOT_COMMAND_DESCRIPTION_INVALID",
            )
