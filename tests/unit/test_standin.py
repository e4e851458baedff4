"""The playground's Telegram stand-in on its own: what people send becomes the updates Telegram
would deliver (privacy mode in groups, command and mention entities, presses only of buttons
that exist), and the page shows the bot's formatting safely."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.playground.html import parse_html, to_safe_html
from bot.playground.standin import BOT_USERNAME, TelegramStandIn

KEPALA = {"id": 2001, "is_bot": False, "first_name": "Budi"}
GROUP_ID = -100200
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "Dinas Kesehatan"}
JSONDict = dict[str, object]


@pytest.fixture
def standin() -> TelegramStandIn:
    world = TelegramStandIn(now=lambda: 1_796_000_000)
    world.add_chat({"id": 2001, "type": "private", "first_name": "Budi"})
    world.add_chat(GROUP)
    return world


async def bot_sends(
    standin: TelegramStandIn, chat_id: int, text: str, **extra: object
) -> dict[str, Any]:
    status, body = await standin.handle(
        "sendMessage", {"chat_id": chat_id, "text": text, "parse_mode": "HTML", **extra}, {}
    )
    assert status == 200, body
    result: dict[str, Any] = json.loads(body)["result"]
    return result


# ---------------------------------------------------------------------- privacy mode
@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("rapat jam 9 ya", False),
        ("/status", True),
        (f"/status@{BOT_USERNAME}", True),
        ("/status@BotLain", False),
        (f"tolong @{BOT_USERNAME} catat ini", True),
        ("progres 50%", False),
    ],
)
def test_in_a_group_the_bot_sees_commands_and_mentions_only(
    standin: TelegramStandIn, text: str, seen: bool
) -> None:
    message, update = standin.say(KEPALA, GROUP_ID, text)
    assert message["_delivered"] is seen
    assert (update is not None) is seen
    assert bool(standin._updates) is seen


async def test_a_reply_to_the_bot_in_a_group_reaches_it(standin: TelegramStandIn) -> None:
    card = await bot_sends(standin, GROUP_ID, "<b>Arahan No. 1</b>")
    _, update = standin.say(KEPALA, GROUP_ID, "progres 50%", reply_to=card["message_id"])
    assert update is not None
    assert update["message"]["reply_to_message"]["message_id"] == card["message_id"]


def test_everything_in_a_private_chat_reaches_the_bot(standin: TelegramStandIn) -> None:
    _, update = standin.say(KEPALA, 2001, "progres 50%")
    assert update is not None and update["message"]["text"] == "progres 50%"


def test_commands_and_mentions_carry_telegrams_entities(standin: TelegramStandIn) -> None:
    _, update = standin.say(KEPALA, GROUP_ID, f"/status@{BOT_USERNAME} dan @{BOT_USERNAME}")
    assert update is not None
    entities = update["message"]["entities"]
    assert entities[0] == {"type": "bot_command", "offset": 0, "length": 23}
    assert entities[1]["type"] == "mention" and entities[1]["offset"] == 28


# ---------------------------------------------------------------------- presses
async def test_only_a_button_under_the_message_can_be_pressed(standin: TelegramStandIn) -> None:
    markup = {"inline_keyboard": [[{"text": "Terima", "callback_data": "tr:1"}]]}
    card = await bot_sends(standin, 2001, "Arahan", reply_markup=markup)
    update = standin.callback_update(KEPALA, 2001, card["message_id"], "tr:1")
    assert update["callback_query"]["data"] == "tr:1"
    with pytest.raises(LookupError, match="tombol tidak ada"):
        standin.callback_update(KEPALA, 2001, card["message_id"], "tr:2")
    with pytest.raises(LookupError, match="pesan tidak ditemukan"):
        standin.callback_update(KEPALA, 2001, 424242, "tr:1")


async def test_a_press_returns_the_bots_answer(standin: TelegramStandIn) -> None:
    import asyncio

    markup = {"inline_keyboard": [[{"text": "Terima", "callback_data": "tr:1"}]]}
    card = await bot_sends(standin, 2001, "Arahan", reply_markup=markup)
    pressing = asyncio.create_task(standin.press(KEPALA, 2001, card["message_id"], "tr:1"))
    await standin._update_event.wait()  # the press was queued for the bot
    query = standin._updates[-1]["callback_query"]["id"]
    await standin.handle(
        "answerCallbackQuery", {"callback_query_id": query, "text": "Diterima"}, {}
    )
    assert await pressing == {"text": "Diterima", "show_alert": False}


# ---------------------------------------------------------------------- the bot's calls
async def test_form_values_are_read_as_telegram_reads_them(standin: TelegramStandIn) -> None:
    params = standin.decode_fields(
        "sendMessage",
        {"chat_id": "2001", "text": "123", "reply_markup": '{"force_reply": true}'},
    )
    assert params == {"chat_id": 2001, "text": "123", "reply_markup": {"force_reply": True}}


async def test_a_forced_reply_is_kept_for_the_page_but_not_sent_back(
    standin: TelegramStandIn,
) -> None:
    markup = {"force_reply": True, "input_field_placeholder": "Ketik jumlah hari"}
    result = await bot_sends(standin, 2001, "Berapa hari?", reply_markup=markup)
    assert "_force_reply" not in result
    assert standin.messages(2001)[-1]["_force_reply"] == markup


async def test_menus_are_kept_per_scope(standin: TelegramStandIn) -> None:
    commands = [{"command": "status", "description": "Ringkasan"}]
    scope = {"type": "chat", "chat_id": 2001}
    await standin.handle("setMyCommands", {"commands": commands, "scope": scope}, {})
    status, body = await standin.handle("getMyCommands", {"scope": scope}, {})
    assert json.loads(body)["result"] == commands
    status, body = await standin.handle("getMyCommands", {}, {})
    assert json.loads(body)["result"] == []


async def test_deleting_a_message_removes_it_and_tells_the_page(
    standin: TelegramStandIn,
) -> None:
    events: list[JSONDict] = []
    standin.listeners.append(events.append)
    card = await bot_sends(standin, 2001, "hapus")
    status, _ = await standin.handle(
        "deleteMessage", {"chat_id": 2001, "message_id": card["message_id"]}, {}
    )
    assert status == 200 and standin.messages(2001) == []
    assert [e["type"] for e in events] == ["message", "delete"]


async def test_stopping_answers_the_waiting_poll(standin: TelegramStandIn) -> None:
    import asyncio

    polling = asyncio.create_task(standin.handle("getUpdates", {"timeout": 10}, {}))
    await standin.poll_waiting.wait()  # the poll is waiting for news
    standin.stop_waiting()
    status, body = await asyncio.wait_for(polling, 1)
    assert status == 200 and json.loads(body)["result"] == []


async def test_too_long_text_is_refused_like_telegram(standin: TelegramStandIn) -> None:
    status, body = await standin.handle("sendMessage", {"chat_id": 2001, "text": "x" * 4097}, {})
    assert status == 400 and "message is too long" in json.loads(body)["description"]
    assert standin.violations


@pytest.mark.parametrize(
    ("method", "change"),
    [
        ("editMessageText", {"text": "baru", "parse_mode": "HTML"}),
        ("editMessageReplyMarkup", {"reply_markup": {"inline_keyboard": []}}),
    ],
)
async def test_editing_a_message_that_does_not_exist_is_refused_like_telegram(
    standin: TelegramStandIn, method: str, change: JSONDict
) -> None:
    events: list[JSONDict] = []
    standin.listeners.append(events.append)
    status, body = await standin.handle(method, {"chat_id": 2001, "message_id": 77, **change}, {})
    assert status == 400
    assert json.loads(body)["description"] == "Bad Request: message to edit not found"
    assert standin.messages(2001) == [] and events == []  # nothing made up, nothing shown


async def test_editing_a_message_that_exists_changes_it_in_place(
    standin: TelegramStandIn,
) -> None:
    card = await bot_sends(standin, 2001, "lama")
    status, _ = await standin.handle(
        "editMessageText", {"chat_id": 2001, "message_id": card["message_id"], "text": "baru"}, {}
    )
    assert status == 200
    assert [(m["message_id"], m["text"]) for m in standin.messages(2001)] == [
        (card["message_id"], "baru")
    ]


@pytest.mark.parametrize("method", ["sendPhoto", "sendDocument"])
async def test_a_caption_over_1024_characters_is_refused_like_telegram(
    standin: TelegramStandIn, method: str
) -> None:
    stored = standin.add_file(b"\x89PNG\r\n\x1a\n", "a.png", "image/png")
    field = "photo" if method == "sendPhoto" else "document"
    params = {"chat_id": 2001, field: stored["file_id"]}
    status, _ = await standin.handle(method, {**params, "caption": "c" * 1024}, {})
    assert status == 200
    status, body = await standin.handle(method, {**params, "caption": "c" * 1025}, {})
    assert status == 400 and "caption is too long" in json.loads(body)["description"]
    assert len(standin.messages(2001)) == 1


# ---------------------------------------------------------------------- safe HTML for the page
class _Shown(HTMLParser):
    """What a browser makes of the page's HTML: the visible text, the tags, their nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def shown(markup: str) -> _Shown:
    parser = _Shown()
    parser.feed(markup)
    parser.close()
    return parser


INLINE = ["b", "i", "u", "s", "code"]
WORDS = st.text(alphabet=st.sampled_from(list("ab <>&\"'😀é\n")), min_size=0, max_size=6)


@st.composite
def telegram_html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 2 and draw(st.booleans()):
            # a blockquote may not hold another one: only the outermost level has them
            tag = draw(st.sampled_from(INLINE + ["blockquote"] if depth == 0 else INLINE))
            inner = draw(telegram_html(depth + 1))
            if tag == "code":  # nothing may be nested inside code
                inner = html.escape(draw(WORDS), quote=False)
            parts.append(f"<{tag}>{inner}</{tag}>")
        else:
            parts.append(html.escape(draw(WORDS), quote=False))
    return "".join(parts)


@given(telegram_html())
def test_the_page_shows_the_text_telegram_shows_with_balanced_tags(source: str) -> None:
    parsed = parse_html(source)
    markup = to_safe_html(parsed.text, parsed.entities)
    seen = shown(markup)
    assert "".join(seen.text) == parsed.text
    assert seen.balanced and not seen.stack


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<b>Arahan <i>No. 1</i></b>", "<b>Arahan <i>No. 1</i></b>"),
        ("a &lt;script&gt; &amp; b", "a &lt;script&gt; &amp; b"),
        ('<a href="javascript:alert(1)">klik</a>', "klik"),
        (
            '<a href="https://t.me/Bot?start=abc">undangan</a>',
            '<a href="https://t.me/Bot?start=abc" target="_blank" rel="noopener">undangan</a>',
        ),
        ("😀 <b>x</b>", "😀 <b>x</b>"),
    ],
)
def test_safe_html_examples(source: str, expected: str) -> None:
    parsed = parse_html(source)
    assert to_safe_html(parsed.text, parsed.entities) == expected


def test_what_a_person_typed_is_never_markup() -> None:
    typed = '<img src=x onerror="alert(1)"> & <b>'
    assert shown(to_safe_html(typed, None)).tags == []
