"""Update factories: plain dicts shaped like Telegram's, for ``telegram.Update.de_json``.

Messages the fake sent (``RecordingRequest`` results, or a ``Call`` carrying one) can be used
as ``reply_to`` and as the message under a callback button.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Callable
from typing import Any, Protocol

from tests.support.fake_telegram import BOT_USERNAME, utf16_len

JSONDict = dict[str, Any]


class HasResult(Protocol):
    """Anything carrying a sent Message dict as ``result`` (e.g. a recorded ``Call``)."""

    @property
    def result(self) -> Any:
        """The Message dict Telegram answered with."""


MessageLike = JSONDict | HasResult


def user(
    user_id: int,
    first_name: str,
    username: str | None = None,
    *,
    last_name: str | None = None,
    language_code: str | None = "id",
) -> JSONDict:
    """A human ``User``."""
    data: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        data["last_name"] = last_name
    if username:
        data["username"] = username
    if language_code:
        data["language_code"] = language_code
    return data


def private_chat(of_user: JSONDict) -> JSONDict:
    """The private ``Chat`` between the bot and a user (chat id == user id)."""
    chat: JSONDict = {"id": of_user["id"], "type": "private", "first_name": of_user["first_name"]}
    for key in ("last_name", "username"):
        if key in of_user:
            chat[key] = of_user[key]
    return chat


def group(chat_id: int, title: str, *, kind: str = "supergroup") -> JSONDict:
    """A group ``Chat`` (supergroup ids look like -100xxxxxxxxxx)."""
    return {"id": chat_id, "type": kind, "title": title}


def as_message(message: MessageLike) -> JSONDict:
    """The Message dict inside an Update dict, a recorded Call, or the dict itself."""
    if not isinstance(message, dict):
        message = message.result
        if not isinstance(message, dict):
            raise TypeError("the call has no Message result (did it fail?)")
    if "update_id" in message:
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            if key in message:
                return dict(message[key])
        if "callback_query" in message:
            return dict(message["callback_query"]["message"])
        raise TypeError("update carries no message")
    return message


def command_entities(text: str) -> list[JSONDict]:
    """A ``bot_command`` entity at offset 0 when the text starts with ``/cmd[@Bot]``."""
    if not text.startswith("/"):
        return []
    token = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(token)}]


class UpdateFactory:
    """Builds ``Update`` dicts with incrementing update ids and message ids."""

    user = staticmethod(user)
    private_chat = staticmethod(private_chat)
    group = staticmethod(group)

    def __init__(
        self,
        *,
        bot_username: str = BOT_USERNAME,
        first_update_id: int = 1,
        first_message_id: int = 1,
        now: Callable[[], dtm.datetime] = lambda: dtm.datetime.now(dtm.UTC),
    ) -> None:
        self.bot_username = bot_username
        self.now = now
        # the next ids to hand out
        self.next_ids = {"update": first_update_id, "message": first_message_id, "callback": 1}

    def _next(self, kind: str) -> int:
        value = self.next_ids[kind]
        self.next_ids[kind] = value + 1
        return value

    def _timestamp(self) -> int:
        return int(self.now().timestamp())

    def _update(self, kind: str, payload: JSONDict) -> JSONDict:
        return {"update_id": self._next("update"), kind: payload}

    def _base(self, from_user: JSONDict, chat: JSONDict, reply_to: MessageLike | None) -> JSONDict:
        message: JSONDict = {
            "message_id": self._next("message"),
            "from": from_user,
            "chat": chat,
            "date": self._timestamp(),
        }
        if reply_to is not None:
            replied = dict(as_message(reply_to))
            replied.pop("reply_to_message", None)  # Telegram nests only one level
            message["reply_to_message"] = replied
        return message

    def message(
        self,
        from_user: JSONDict,
        chat: JSONDict,
        text: str,
        reply_to: MessageLike | None = None,
        *,
        entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        """A text message update; commands get their ``bot_command`` entity."""
        message = self._base(from_user, chat, reply_to)
        message["text"] = text
        found = entities if entities is not None else command_entities(text)
        if found:
            message["entities"] = found
        return self._update("message", message)

    def command(
        self,
        from_user: JSONDict,
        chat: JSONDict,
        command: str,
        args: str = "",
        *,
        mention: bool = False,
    ) -> JSONDict:
        """``/command args`` (``/command@Bot`` when ``mention``), as typed in a group."""
        text = f"/{command}" + (f"@{self.bot_username}" if mention else "")
        return self.message(from_user, chat, f"{text} {args}".rstrip())

    def document(
        self,
        from_user: JSONDict,
        chat: JSONDict,
        file: JSONDict,
        caption: str | None = None,
        reply_to: MessageLike | None = None,
    ) -> JSONDict:
        """A document message; ``file`` comes from ``RecordingRequest.add_file``."""
        message = self._base(from_user, chat, reply_to)
        message["document"] = dict(file)
        self._caption(message, caption)
        return self._update("message", message)

    def photo(
        self,
        from_user: JSONDict,
        chat: JSONDict,
        file: JSONDict,
        caption: str | None = None,
        reply_to: MessageLike | None = None,
    ) -> JSONDict:
        """A photo message (one size) for a file registered with ``add_file``."""
        message = self._base(from_user, chat, reply_to)
        size = {"file_id": file["file_id"], "file_unique_id": file["file_unique_id"]}
        message["photo"] = [{**size, "width": 1280, "height": 960, "file_size": file["file_size"]}]
        self._caption(message, caption)
        return self._update("message", message)

    @staticmethod
    def _caption(message: JSONDict, caption: str | None) -> None:
        if caption is not None:
            message["caption"] = caption
            if found := command_entities(caption):
                message["caption_entities"] = found

    def callback(self, from_user: JSONDict, message: MessageLike, data: str) -> JSONDict:
        """A press on an inline button with ``data`` under ``message`` (sent by the bot)."""
        on = as_message(message)
        query: JSONDict = {
            "id": f"{from_user['id']}{self._next('callback'):06d}",
            "from": from_user,
            "chat_instance": str(abs(on["chat"]["id"]) * 7919 % 10**18),
            "message": on,
            "data": data,
        }
        return self._update("callback_query", query)

    def edited_message(
        self,
        from_user: JSONDict,
        chat: JSONDict,
        text: str,
        message_id: int,
    ) -> JSONDict:
        """An ``edited_message`` update: message ``message_id`` now reads ``text``."""
        now = self._timestamp()
        message: JSONDict = {
            "message_id": message_id,
            "from": from_user,
            "chat": chat,
            "date": now - 60,
            "edit_date": now,
            "text": text,
        }
        if found := command_entities(text):
            message["entities"] = found
        return self._update("edited_message", message)
