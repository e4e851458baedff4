"""Telegram, played offline: the Bot API the bot uses, with Telegram's rules, and the people's side.

The playground runs the real bot against this stand-in, and the tests' fakes are built on it
(``tests/support/fake_telegram.py`` adds the official spec's validation, recording and faults):
one reading of Telegram's behaviour, not two. The bot calls ``handle(method, params, files)``
(over HTTP in the playground, at PTB's request layer in tests); people act through ``say``,
``send_file`` and ``press``, which make the updates Telegram would deliver, privacy mode included.

Decisions worth knowing:

* Lengths of ``text``/``caption`` are counted in Unicode code points after HTML parsing and
  stripping surrounding whitespace; entity offsets in results are UTF-16 code units.
* A *violation* is a malformed request (a bug of the bot); it is answered with HTTP 400 like
  Telegram and noted. Runtime conditions (blocked user, migrated group, unknown file id, "message
  is not modified") are answered like Telegram but are not violations.
* In a group the bot sees only commands, replies to its own messages and messages that mention
  it (privacy mode, Telegram's default for bots); private chats are seen whole.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import mimetypes
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bot.playground.html import EntityParseError, ParsedText, parse_text, utf16_len

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
WITH_CAPTION = frozenset(
    {"sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendAnimation", "sendVoice"}
    | {"editMessageCaption", "copyMessage"}
)
# the fields of an inline button that say what pressing it does (exactly one per button)
BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
# parameters that are text even when they look like numbers; the others arrive as JSON text
# in a form (numbers, booleans, objects) and are read as such
TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "description",
        "short_description",
        "name",
        "title",
        "secret_token",
        "language_code",
        "file_id",
        "photo",
        "document",
        "business_connection_id",
        "message_effect_id",
        "inline_message_id",
    }
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LEADING_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?")


@dataclass(frozen=True)
class UploadedFile:
    """A file uploaded with multipart/form-data."""

    file_name: str
    content: bytes
    mime_type: str


@dataclass
class Call:
    """One Bot API call: method, decoded parameters, uploads and the answer given."""

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
        return norm_chat(self.params.get("chat_id"))

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


def norm_chat(chat_id: object) -> int | str | None:
    """A chat id as Telegram reads it: numeric strings are numbers."""
    if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
        return int(chat_id)
    return chat_id if isinstance(chat_id, int | str) else None


@dataclass
class StoredFile:
    """A file Telegram keeps: uploaded by the bot or sent by a person."""

    file_id: str
    unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    path: str
    size: int  # what Telegram says the file weighs (a test may claim more than the bytes)


class Reject(Exception):
    """Answer the current call with an error (``violation`` marks a bug of the bot)."""

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


Listener = Callable[[JSONDict], None]


class TelegramStandIn:
    """Chats, messages, files and updates, answered the way api.telegram.org answers."""

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
        self.violations: list[str] = []
        self.downloads: list[str] = []
        self.unreachable: set[int] = set()
        self.migrated: dict[int, int] = {}
        self.member_status: dict[tuple[int, int], str] = {}
        self.commands: dict[str, list[JSONDict]] = {}  # scope key -> the menu
        self.listeners: list[Listener] = []
        self._updates: list[JSONDict] = []
        self._update_event = asyncio.Event()
        self._next_update_id = 1
        self._chats: dict[Any, JSONDict] = {}
        self._next_message_id: dict[Any, int] = {}
        self._messages: dict[tuple[Any, int], JSONDict] = {}
        self._files: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._presses: dict[str, asyncio.Future[JSONDict]] = {}
        self.poll_waiting = asyncio.Event()  # a getUpdates is waiting for news

    # ---- the bot's side: one Bot API call
    async def handle(
        self, api_method: str, params: JSONDict, files: dict[str, UploadedFile]
    ) -> tuple[int, bytes]:
        """Check and answer one Bot API call; returns the HTTP status and JSON body."""
        call = Call(api_method, params, files)
        self._record(call)
        try:
            self._validate(call)
            self._inject_faults(call)
            if api_method == "getUpdates":
                call.result = await self._get_updates(params)
            else:
                call.result = self._respond(call)
        except Reject as rejection:
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

    def decode_fields(self, method: str, raw: JSONDict) -> JSONDict:
        """The parameters as Telegram reads a form: numbers, booleans and objects arrive as
        JSON text (as PTB sends them); text parameters stay text."""
        params: JSONDict = {}
        for name, value in raw.items():
            if isinstance(value, str) and name not in TEXT_PARAMS:
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            params[name] = value
        return params

    def download(self, path: str) -> tuple[int, bytes]:
        """The bytes of a file by the path ``getFile`` gave (the file endpoint)."""
        self.downloads.append(path)
        stored = self._by_path.get(path)
        if stored is None:
            return 404, json.dumps(
                {"ok": False, "error_code": 404, "description": "Not Found"}
            ).encode()
        return 200, stored.content

    def _download(self, url: str) -> tuple[int, bytes]:
        return self.download(unquote(url.split("/file/bot", 1)[1].split("/", 1)[1]))

    # ---- hooks the tests' fake extends
    def _record(self, call: Call) -> None:
        """Keep the call (the tests' fake records every call; the playground keeps none)."""

    def _validate(self, call: Call) -> None:
        self._check_rules(call.method, call.params)

    def _respond(self, call: Call) -> Any:
        return self._answer(call)

    def _inject_faults(self, call: Call) -> None:
        chat_id = call.chat_id
        if isinstance(chat_id, int) and chat_id in self.migrated:
            raise Reject(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                parameters={"migrate_to_chat_id": self.migrated[chat_id]},
            )
        sending = call.method.startswith("send") or call.method in ("copyMessage", "forwardMessage")
        if sending and chat_id in self.unreachable:
            raise Reject(403, "Forbidden: bot can't initiate conversation with a user")

    # ---- Telegram's rules
    def _check_rules(self, method: str, params: JSONDict) -> None:
        """Telegram's rules that its documentation states only in prose."""
        parse_mode = params.get("parse_mode")
        if parse_mode is not None and parse_mode.lower() not in {"html", "markdown", "markdownv2"}:
            bad(f"unsupported parse_mode {parse_mode!r}", "unsupported parse_mode")
        if method in ("sendMessage", "editMessageText"):
            if "text" not in params and "rich_message" not in params:
                bad("text is missing", "message text is empty")
            if "text" in params:
                visible = _parsed(params["text"], parse_mode, "text").text.strip()
                if not visible:
                    bad("text is empty after entity parsing", "message text is empty")
                if len(visible) > TEXT_LIMIT:
                    bad(
                        f"text is {len(visible)} characters after entity parsing "
                        f"(max {TEXT_LIMIT})",
                        "message is too long",
                    )
        if "caption" in params and method in WITH_CAPTION:
            visible = _parsed(params["caption"], parse_mode, "caption").text.strip()
            if len(visible) > CAPTION_LIMIT:
                bad(
                    f"caption is {len(visible)} characters after entity parsing "
                    f"(max {CAPTION_LIMIT})",
                    "message caption is too long",
                )
        if method.startswith("editMessage") and "inline_message_id" not in params:
            if "chat_id" not in params or "message_id" not in params:
                bad(
                    "needs chat_id and message_id (or inline_message_id)",
                    "message identifier is not specified",
                )
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            self._check_inline_keyboard(markup["inline_keyboard"])
        if method == "answerCallbackQuery" and len(params.get("text", "")) > CALLBACK_ANSWER_LIMIT:
            bad(
                f"callback answer text is {len(params['text'])} characters "
                f"(max {CALLBACK_ANSWER_LIMIT})",
                "MESSAGE_TOO_LONG",
            )
        if method == "setMyCommands":
            check_commands(params["commands"])

    def _check_inline_keyboard(self, rows: list[list[JSONDict]]) -> None:
        count = sum(len(row) for row in rows)
        if count > MAX_INLINE_BUTTONS:
            bad(f"{count} inline buttons (max {MAX_INLINE_BUTTONS})", "reply markup is too long")
        for r, row in enumerate(rows):
            for c, button in enumerate(row):
                where = f"inline_keyboard[{r}][{c}]"
                if not button.get("text"):
                    bad(f"{where} has no text", "inline keyboard button text is empty")
                used = sorted(BUTTON_ACTIONS & set(button))
                if len(used) != 1:
                    bad(
                        f"{where} {button.get('text')!r} needs exactly one action field, has "
                        f"{used}",
                        "text buttons are unallowed in the inline keyboard",
                    )
                if "callback_data" in button:
                    size = len(button["callback_data"].encode("utf-8"))
                    if not 1 <= size <= CALLBACK_DATA_LIMIT:
                        bad(
                            f"{where} callback_data is {size} bytes (1-{CALLBACK_DATA_LIMIT}): "
                            f"{button['callback_data']!r}",
                            "BUTTON_DATA_INVALID",
                        )
                if "url" in button and not button["url"].strip():
                    bad(f"{where} has an empty url", "BUTTON_URL_INVALID")

    # ---- answers
    def _answer(self, call: Call) -> Any:
        method, params = call.method, call.params
        if method == "getMe":
            return self.bot_user
        if method == "getFile":
            stored = self._files.get(params["file_id"])
            if stored is None:
                raise Reject(400, "Bad Request: invalid file_id")
            if stored.size > DOWNLOAD_LIMIT:
                raise Reject(400, "Bad Request: file is too big")
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.unique_id,
                "file_size": stored.size,
                "file_path": stored.path,
            }
        if method == "getChat":
            return self._chat(call.chat_id)
        if method == "getChatMember":
            return self._member(call.chat_id, params["user_id"])
        if method.startswith("editMessage"):
            return self._edit(call)
        if method in SEND_METHODS:
            return self._send(call)
        if method == "copyMessage":
            return {"message_id": self._new_message_id(call.chat_id)}
        if method == "deleteMessage":
            return self._delete(call.chat_id, params["message_id"])
        if method == "answerCallbackQuery":
            return self._answered(params)
        if method in ("setMyCommands", "deleteMyCommands"):
            self.commands[scope_key(params.get("scope"))] = list(params.get("commands", []))
            return True
        if method == "getMyCommands":
            return self.commands.get(scope_key(params.get("scope")), [])
        if method in ("getChatAdministrators", "getUpdates"):
            return []
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
            message["photo"] = [photo_size(self._media(call, "photo"))]
        reply_to = (params.get("reply_parameters") or {}).get("message_id")
        if reply_to is not None:
            original = self._messages.get((chat_id, reply_to))
            message["reply_to_message"] = (
                public(original)
                if original
                else {"message_id": reply_to, "date": int(self.now()), "chat": message["chat"]}
            )
            message["reply_to_message"].pop("reply_to_message", None)
        self._messages[(chat_id, message["message_id"])] = message
        self._emit("message", message)
        return public(message)

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
        if isinstance(markup, dict) and markup.get("force_reply"):
            # not part of Telegram's Message: the app shows the forced reply on screen
            message["_force_reply"] = markup
        else:
            message.pop("_force_reply", None)

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
                raise Reject(400, "Bad Request: wrong file identifier/HTTP URL specified")
            stored = self._store_file(upload.content, upload.file_name, upload.mime_type)
        return document_of(stored)

    def _edit(self, call: Call) -> Any:
        params, chat_id = call.params, call.chat_id
        if "inline_message_id" in params:
            return True
        key = (chat_id, params["message_id"])
        old = self._messages.get(key)
        if old is None:
            raise Reject(400, "Bad Request: message to edit not found")
        message = dict(old)
        content = dict(params)
        if call.method == "editMessageReplyMarkup":
            content = {"reply_markup": params.get("reply_markup")}
        self._set_content(message, content)
        if {k: v for k, v in message.items() if k != "edit_date"} == {
            k: v for k, v in old.items() if k != "edit_date"
        }:
            raise Reject(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same as a current content "
                "and reply markup of the message",
            )
        message["edit_date"] = int(self.now())
        self._messages[key] = message
        self._emit("edit", message)
        return public(message)

    def _delete(self, chat_id: Any, message_id: int) -> bool:
        if self._messages.pop((chat_id, message_id), None) is None:
            raise Reject(400, "Bad Request: message to delete not found")
        self._emit("delete", {"chat": {"id": chat_id}, "message_id": message_id})
        return True

    def _member(self, chat_id: Any, user_id: int) -> JSONDict:
        status = self.member_status.get((chat_id, user_id), "member")
        known = self._chats.get(user_id, {})
        person = {"id": user_id, "is_bot": False, "first_name": f"Pengguna {user_id}"}
        person |= {k: known[k] for k in ("first_name", "last_name", "username") if k in known}
        member: JSONDict = {"status": status, "user": person}
        if status == "administrator":
            member |= {"can_be_edited": False, "is_anonymous": False}
            member |= {f"can_{right}": True for right in ADMIN_RIGHTS}
        elif status == "creator":
            member |= {"is_anonymous": False}
        elif status == "restricted":
            member |= {"is_member": True, "until_date": 0}
        elif status == "kicked":
            member |= {"until_date": 0}
        return member

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Queued updates with ``update_id >= offset`` (older ones are confirmed and dropped).

        Long polling waits for a new update at most ``timeout`` seconds (``poll_wait``)."""
        offset = params.get("offset")
        if offset is not None:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and params.get("timeout") and not self.closing:
            self._update_event.clear()
            self.poll_waiting.set()
            try:
                wait = min(float(params["timeout"]), self.poll_wait)
                await asyncio.wait_for(self._update_event.wait(), wait)
            except TimeoutError:
                pass
        return self._updates[: params.get("limit", 100)]

    # how long one getUpdates waits for news (the tests' fake keeps its polls short)
    poll_wait = 10.0
    closing = False

    def stop_waiting(self) -> None:
        """The bot is stopping: a waiting getUpdates answers now, later ones do not wait (the
        poller's last call, which confirms what it fetched, finds its connection free)."""
        self.closing = True
        self._update_event.set()

    def _answered(self, params: JSONDict) -> bool:
        waiting = self._presses.pop(params["callback_query_id"], None)
        if waiting is not None and not waiting.done():
            waiting.set_result(
                {"text": params.get("text"), "show_alert": bool(params.get("show_alert"))}
            )
        return True

    # ---- files
    def _store_file(
        self, content: bytes, file_name: str, mime_type: str | None, *, size: int | None = None
    ) -> StoredFile:
        n = len(self._files) + 1
        digest = hashlib.sha1(content + file_name.encode() + str(n).encode()).hexdigest()
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        suffix = Path(file_name).suffix
        folder = "photos" if mime.startswith("image/") else "documents"
        stored = StoredFile(
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

    def add_file(
        self,
        content: bytes,
        file_name: str = "dokumen.pdf",
        mime_type: str | None = None,
        *,
        size: int | None = None,
    ) -> JSONDict:
        """Keep a file a person sends; return its ``Document`` dict. ``size`` makes Telegram
        report a larger file than ``content`` (over 20 MB, getFile refuses it)."""
        return document_of(self._store_file(content, file_name, mime_type, size=size))

    def file(self, file_id: str) -> StoredFile | None:
        """A kept file by its id."""
        return self._files.get(file_id)

    def file_content(self, file_id: str) -> bytes:
        """Bytes behind a file id (sent by a person or uploaded by the bot)."""
        return self._files[file_id].content

    # ---- chats and updates
    def add_chat(self, chat: JSONDict) -> None:
        """Use this Chat dict (a person's private chat, a group) in results for its id."""
        self._chats[chat["id"]] = dict(chat)

    def queue_update(self, update: JSONDict) -> None:
        """Make ``getUpdates`` deliver this update (a dict with ``update_id``)."""
        self._updates.append(update)
        self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
        self._update_event.set()

    def new_update(self, kind: str, payload: JSONDict) -> JSONDict:
        """An update with the next update id (not queued: see ``deliver``)."""
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        return update

    def messages(self, chat_id: int) -> list[JSONDict]:
        """The messages of a chat, oldest first, as its members see them."""
        found = [m for (chat, _), m in self._messages.items() if chat == chat_id]
        return sorted(found, key=lambda m: m["message_id"])

    def message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """One message of a chat, if it still exists."""
        return self._messages.get((chat_id, message_id))

    # ---- the people's side
    def say(
        self,
        person: JSONDict,
        chat_id: int,
        text: str | None = None,
        *,
        reply_to: int | None = None,
        document: JSONDict | None = None,
        photo: JSONDict | None = None,
        queue: bool = True,
    ) -> tuple[JSONDict, JSONDict | None]:
        """A person writes in a chat (text, or a file with ``text`` as its caption). Returns the
        message and the update the bot receives (queued for getUpdates unless ``queue`` is
        False), or None when privacy mode hides it."""
        chat = self._chat(chat_id)
        message: JSONDict = {
            "message_id": self._new_message_id(chat_id),
            "from": person,
            "chat": chat,
            "date": int(self.now()),
        }
        key = "text"
        if document is not None:
            message["document"] = document
            key = "caption"
        elif photo is not None:
            message["photo"] = [photo_size(photo)]
            key = "caption"
        if text:
            message[key] = text
            entities = self._entities_of(text)
            if entities:
                message["entities" if key == "text" else "caption_entities"] = entities
        if reply_to is not None and (chat_id, reply_to) in self._messages:
            replied = dict(self._messages[(chat_id, reply_to)])
            replied.pop("reply_to_message", None)  # Telegram nests only one level
            message["reply_to_message"] = public(replied)
        message["_delivered"] = self.bot_sees(message)
        self._messages[(chat_id, message["message_id"])] = message
        self._emit("message", message)
        if not message["_delivered"]:
            return message, None
        update = self.new_update("message", public(message))
        if queue:
            self.queue_update(update)
        return message, update

    def bot_sees(self, message: JSONDict) -> bool:
        """Privacy mode: a group message reaches the bot only when it is a command (for this
        bot), a reply to the bot's message or a mention of the bot."""
        if message["chat"].get("type") == "private":
            return True
        username = self.bot_user["username"]
        text = message.get("text") or message.get("caption") or ""
        command = _LEADING_COMMAND.match(text)
        if command and (command.group(2) is None or command.group(2) == username):
            return True
        replied = message.get("reply_to_message") or {}
        if (replied.get("from") or {}).get("id") == self.bot_user["id"]:
            return True
        return f"@{username}".lower() in text.lower()

    def _entities_of(self, text: str) -> list[JSONDict]:
        """The entities Telegram's apps mark in what a person types: a leading command and
        mentions of the bot."""
        entities: list[JSONDict] = []
        command = _LEADING_COMMAND.match(text)
        if command:
            entities.append(
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            )
        mention = f"@{self.bot_user['username']}"
        for found in re.finditer(re.escape(mention), text, flags=re.IGNORECASE):
            if command and found.start() < command.end():
                continue
            offset = utf16_len(text[: found.start()])
            entities.append({"type": "mention", "offset": offset, "length": utf16_len(mention)})
        return entities

    def callback_update(
        self, person: JSONDict, chat_id: int, message_id: int, data: str
    ) -> JSONDict:
        """The update of a press on an inline button (which must be under the message)."""
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise LookupError("pesan tidak ditemukan")
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        if not any(button.get("callback_data") == data for row in rows for button in row):
            raise LookupError("tombol tidak ada pada pesan ini")
        return self.new_update(
            "callback_query",
            {
                "id": f"{person['id']}{self._next_update_id:08d}",
                "from": person,
                "message": public(message),
                "chat_instance": str(chat_id),
                "data": data,
            },
        )

    async def press(
        self, person: JSONDict, chat_id: int, message_id: int, data: str, *, wait: float = 10.0
    ) -> JSONDict | None:
        """A person presses an inline button; returns the bot's answer (text, show_alert),
        or None if the bot did not answer within ``wait`` seconds."""
        update = self.callback_update(person, chat_id, message_id, data)
        query_id = update["callback_query"]["id"]
        answered: asyncio.Future[JSONDict] = asyncio.get_running_loop().create_future()
        self._presses[query_id] = answered
        self.queue_update(update)
        try:
            return await asyncio.wait_for(answered, wait)
        except TimeoutError:
            self._presses.pop(query_id, None)
            return None

    def _emit(self, kind: str, message: JSONDict) -> None:
        for listener in list(self.listeners):
            listener({"type": kind, "message": message})


ADMIN_RIGHTS = (
    "manage_chat",
    "delete_messages",
    "manage_video_chats",
    "restrict_members",
    "promote_members",
    "change_info",
    "invite_users",
    "post_stories",
    "edit_stories",
    "delete_stories",
)


def public(message: JSONDict) -> JSONDict:
    """A message as Telegram delivers it (without what the stand-in keeps for the screen)."""
    return {k: v for k, v in message.items() if not k.startswith("_")}


def document_of(stored: StoredFile) -> JSONDict:
    """A kept file as a ``Document``."""
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.unique_id,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_size": stored.size,
    }


def photo_size(document: JSONDict) -> JSONDict:
    """A kept picture as a ``PhotoSize`` (one size)."""
    return {
        "file_id": document["file_id"],
        "file_unique_id": document["file_unique_id"],
        "width": 1280,
        "height": 960,
        "file_size": document["file_size"],
    }


def scope_key(scope: Any) -> str:
    """One key per command-menu scope (``default`` when none is given)."""
    if not isinstance(scope, dict):
        return "default"
    return ":".join(str(scope[k]) for k in ("type", "chat_id", "user_id") if k in scope)


def bad(violation: str, description: str) -> None:
    """Reject the current call as a rule violation with Telegram's description."""
    raise Reject(400, f"Bad Request: {description}", violation)


def attach_refs(value: Any) -> Iterable[str]:
    """Multipart part names referenced as ``attach://<name>`` anywhere in a value."""
    if isinstance(value, str) and value.startswith("attach://"):
        yield value.removeprefix("attach://")
    elif isinstance(value, dict):
        for item in value.values():
            yield from attach_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from attach_refs(item)


def _parsed(text: str, parse_mode: str | None, what: str) -> ParsedText:
    try:
        return parse_text(text, parse_mode)
    except EntityParseError as exc:
        raise Reject(
            400, f"Bad Request: can't parse entities: {exc}", f"{what}: can't parse entities: {exc}"
        ) from None


def check_commands(commands: Iterable[JSONDict]) -> None:
    """Telegram's rules for a command menu."""
    commands = list(commands)
    if len(commands) > MAX_COMMANDS:
        bad(f"{len(commands)} commands (max {MAX_COMMANDS})", "BOT_COMMANDS_TOO_MUCH")
    for cmd in commands:
        if not _COMMAND.fullmatch(cmd["command"]):
            bad(f"command {cmd['command']!r} must be 1-32 of [a-z0-9_]", "BOT_COMMAND_INVALID")
        if not 1 <= len(cmd["description"]) <= 256:
            bad(
                f"command {cmd['command']!r} description must be 1-256 characters",
                "BOT_COMMAND_DESCRIPTION_INVALID",
            )
