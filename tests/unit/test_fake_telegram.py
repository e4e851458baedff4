"""Tests of the offline Telegram fake: it guards every flow test, so it must be right."""

from __future__ import annotations

import asyncio
import html
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support.fake_telegram import (
    BOT_USERNAME,
    EntityParseError,
    RecordingRequest,
    load_api_spec,
    parse_html,
)
from tests.support.updates import UpdateFactory, group, private_chat, user

# do_api_request with a known method warns "Please use Bot.sendMessage"; raw calls are the point.
pytestmark = pytest.mark.filterwarnings("ignore:Please use:telegram.warnings.PTBUserWarning")

TOKEN = "123456:TEST-TOKEN"
NOW = 1_750_000_000


@pytest.fixture
def fake() -> RecordingRequest:
    return RecordingRequest(now=lambda: NOW)


@pytest.fixture
async def bot(fake: RecordingRequest) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, request=fake, get_updates_request=fake) as started:
        yield started


async def api(bot: Bot, method: str, **params: Any) -> Any:
    """Call a raw Bot API method with exactly these parameters."""
    return await bot.do_api_request(method, api_kwargs=params)


def kb(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(list(rows))


# --------------------------------------------------------------------------- spec validation
async def test_unknown_method_answers_404_and_is_a_violation(
    bot: Bot, fake: RecordingRequest
) -> None:
    with pytest.raises(EndPointNotFound):
        await api(bot, "sendMessages", chat_id=1, text="x")
    assert fake.violations == ["sendMessages: unknown Bot API method (spec Bot API 10.1)"]


async def test_unknown_parameter_is_a_violation(bot: Bot, fake: RecordingRequest) -> None:
    with pytest.raises(BadRequest, match="(?i)unknown parameter 'colour'"):
        await api(bot, "sendMessage", chat_id=1, text="x", colour="red")
    assert "unknown parameter 'colour'" in fake.violations[0]


async def test_missing_required_parameter_is_a_violation(bot: Bot, fake: RecordingRequest) -> None:
    with pytest.raises(BadRequest):
        await api(bot, "answerCallbackQuery", text="x")
    assert fake.violations == [
        "answerCallbackQuery: missing required parameter 'callback_query_id'"
    ]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"chat_id": 1.5, "text": "x"}, "chat_id: expected Integer or String, got float"),
        ({"chat_id": 1, "text": "x", "disable_notification": "yes"}, "expected Boolean"),
        ({"chat_id": 1, "text": 5}, "text: expected String, got integer"),
        ({"chat_id": True, "text": "x"}, "chat_id: expected Integer or String, got boolean"),
        (
            {"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [{"text": "a"}]}},
            "reply_markup",
        ),
    ],
)
async def test_type_mismatch_is_a_violation(
    bot: Bot, fake: RecordingRequest, params: dict[str, Any], problem: str
) -> None:
    with pytest.raises(BadRequest):
        await api(bot, "sendMessage", **params)
    assert problem in fake.violations[0]


async def test_nested_objects_are_checked_against_the_spec(
    bot: Bot, fake: RecordingRequest
) -> None:
    scope = {"type": "chat", "chat_id": 5, "user": 1}
    with pytest.raises(BadRequest):
        await api(
            bot, "setMyCommands", commands=[{"command": "a", "description": "b"}], scope=scope
        )
    assert "unknown field 'user'" in fake.violations[0]


async def test_chat_id_may_be_integer_or_string(bot: Bot, fake: RecordingRequest) -> None:
    await api(bot, "sendMessage", chat_id="@kanal_pemda", text="x")
    await api(bot, "sendMessage", chat_id="42", text="y")
    fake.assert_clean()
    assert fake.texts(42) == ["y"]


async def test_json_encoded_object_parameters_are_decoded(bot: Bot, fake: RecordingRequest) -> None:
    markup = '{"inline_keyboard": [[{"text": "Ya", "callback_data": "ya"}]]}'
    await api(bot, "sendMessage", chat_id=1, text="x", reply_markup=markup)
    fake.assert_clean()
    assert fake.buttons(fake.last(1)) == [[("Ya", "ya")]]


# --------------------------------------------------------------------------- text length
async def test_text_of_4096_characters_is_accepted_and_4097_rejected(
    bot: Bot, fake: RecordingRequest
) -> None:
    await bot.send_message(1, "a" * 4096)
    fake.assert_clean()
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.send_message(1, "a" * 4097)
    assert fake.violations == [
        "sendMessage: text is 4097 characters after entity parsing (max 4096)"
    ]


async def test_length_is_counted_after_html_parsing(bot: Bot, fake: RecordingRequest) -> None:
    visible = "x" * 4086 + "&" + "y" * 9  # 4096 visible characters
    markup = "<b>" + "x" * 4086 + "</b>&amp;<i>" + "y" * 9 + "</i>"
    assert len(markup) > 4096
    message = await bot.send_message(1, markup, parse_mode=ParseMode.HTML)
    fake.assert_clean()
    assert message.text == visible
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.send_message(1, markup + "z", parse_mode=ParseMode.HTML)


async def test_limit_counts_characters_not_utf16_units(bot: Bot, fake: RecordingRequest) -> None:
    """Chosen rule: 4096 code points; 4096 emoji (8192 UTF-16 units) are accepted."""
    await bot.send_message(1, "😀" * 4096)
    await bot.send_message(1, "مرحبا بالعالم — שלום עולם — Halo dunia")
    fake.assert_clean()
    with pytest.raises(BadRequest):
        await bot.send_message(1, "😀" * 4097)


async def test_empty_text_after_parsing_is_rejected(bot: Bot, fake: RecordingRequest) -> None:
    with pytest.raises(BadRequest, match="(?i)text is empty"):
        await bot.send_message(1, "<b> </b>", parse_mode=ParseMode.HTML)
    assert fake.violations


async def test_caption_over_1024_characters_is_rejected(bot: Bot, fake: RecordingRequest) -> None:
    document = fake.add_file(b"%PDF", "notulen.pdf")
    await bot.send_document(1, document["file_id"], caption="c" * 1024)
    fake.assert_clean()
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await bot.send_document(1, document["file_id"], caption="c" * 1025)


async def test_lone_surrogate_is_rejected(bot: Bot, fake: RecordingRequest) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(1, "rusak \ud800")
    assert "UTF-8" in fake.violations[0]


# --------------------------------------------------------------------------- HTML
@pytest.mark.parametrize(
    "markup",
    [
        "<div>x</div>",
        "<b>unclosed",
        "A & B",
        "1 < 2",
        "2 > 1",
        "<b><i>x</b></i>",
        "stray </b>",
        "&nbsp;",
        "&#0;",
        "<br>",
        "<p>para</p>",
        '<span class="merah">x</span>',
        "<span>x</span>",
        "<a>no href</a>",
        '<b title="x">x</b>',
        '<code class="language-py">x</code>',
        "<pre><b>x</b></pre>",
        "<code><i>x</i></code>",
        '<a href="https://a.id"><a href="https://b.id">x</a></a>',
        "<blockquote><blockquote>x</blockquote></blockquote>",
        "<tg-emoji>👍</tg-emoji>",
    ],
)
async def test_html_that_telegram_rejects_is_a_violation(
    bot: Bot, fake: RecordingRequest, markup: str
) -> None:
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await bot.send_message(1, f"ok {markup}", parse_mode=ParseMode.HTML)
    assert len(fake.violations) == 1
    assert "can't parse entities" in fake.violations[0]


@pytest.mark.parametrize(
    ("markup", "visible"),
    [
        ("&lt;b&gt; &amp; &quot;kutip&quot;", '<b> & "kutip"'),
        ("<b>tebal <i>miring <u>garis</u></i></b>", "tebal miring garis"),
        ("<strong>s</strong><em>e</em><ins>i</ins><strike>x</strike><del>d</del><s>s</s>", None),
        ('<a href="https://x.id/?a=1&amp;b=2">tautan</a>', "tautan"),
        ('<pre><code class="language-python">x = 1 &lt; 2</code></pre>', "x = 1 < 2"),
        ("<pre>blok</pre> <code>kode</code>", "blok kode"),
        ("<blockquote expandable>kutipan</blockquote>", "kutipan"),
        ('<tg-spoiler>r</tg-spoiler><span class="tg-spoiler">s</span>', "rs"),
        ("&#128512; &#x1F600;", "😀 😀"),
        ("<B>BESAR</B>", "BESAR"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("<b>Pak Budi</b>\n• tugas &#39;A&#39;\n• tugas 'B'", "Pak Budi\n• tugas 'A'\n• tugas 'B'"),
        ("<b>kode <code>X-1</code></b>", "kode X-1"),
    ],
)
async def test_html_that_telegram_accepts(
    bot: Bot, fake: RecordingRequest, markup: str, visible: str | None
) -> None:
    message = await bot.send_message(1, markup, parse_mode=ParseMode.HTML)
    fake.assert_clean()
    if visible is not None:
        assert message.text == visible
        assert fake.last(1).plain_text == visible


def test_entities_use_utf16_offsets() -> None:
    parsed = parse_html('😀 <b>tebal</b> <a href="https://x.id">t</a>')
    assert parsed.text == "😀 tebal t"
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 5},
        {"type": "text_link", "offset": 9, "length": 1, "url": "https://x.id"},
    ]


def test_pre_with_language_becomes_one_entity() -> None:
    parsed = parse_html('<pre><code class="language-sql">SELECT 1</code></pre>')
    assert parsed.entities == [{"type": "pre", "offset": 0, "length": 8, "language": "sql"}]


def test_error_names_the_byte_offset() -> None:
    with pytest.raises(EntityParseError, match='Unsupported start tag "div" at byte offset 3'):
        parse_html("é <div>")


@given(st.text())
def test_any_escaped_text_is_accepted_verbatim(text: str) -> None:
    assert parse_html(html.escape(text)).text == text


# --------------------------------------------------------------------------- keyboards
async def test_callback_data_of_65_bytes_is_rejected(bot: Bot, fake: RecordingRequest) -> None:
    await bot.send_message(
        1, "x", reply_markup=kb([InlineKeyboardButton("a", callback_data="d" * 64)])
    )
    await bot.send_message(
        1, "x", reply_markup=kb([InlineKeyboardButton("é", callback_data="é" * 32)])
    )
    fake.assert_clean()
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(
            1, "x", reply_markup=kb([InlineKeyboardButton("a", callback_data="d" * 65)])
        )
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(
            1, "x", reply_markup=kb([InlineKeyboardButton("é", callback_data="é" * 33)])
        )
    assert "66 bytes" in fake.violations[1]


@pytest.mark.parametrize(
    "button",
    [
        {"text": "tanpa aksi"},
        {"text": "dua aksi", "callback_data": "a", "url": "https://x.id"},
        {"text": "", "callback_data": "a"},
        {"text": "kosong", "callback_data": ""},
    ],
)
async def test_malformed_inline_button_is_rejected(
    bot: Bot, fake: RecordingRequest, button: dict[str, str]
) -> None:
    with pytest.raises(BadRequest):
        await api(
            bot, "sendMessage", chat_id=1, text="x", reply_markup={"inline_keyboard": [[button]]}
        )
    assert fake.violations


async def test_more_than_100_buttons_is_rejected(bot: Bot, fake: RecordingRequest) -> None:
    row = [InlineKeyboardButton(str(i), callback_data=str(i)) for i in range(10)]
    await bot.send_message(1, "x", reply_markup=kb(*[row] * 10))
    fake.assert_clean()
    with pytest.raises(BadRequest):
        await bot.send_message(1, "x", reply_markup=kb(*[row] * 10, row[:1]))
    assert "101 inline buttons" in fake.violations[0]


async def test_callback_answer_text_is_limited_to_200(bot: Bot, fake: RecordingRequest) -> None:
    assert await bot.answer_callback_query("q1", text="t" * 200) is True
    with pytest.raises(BadRequest):
        await bot.answer_callback_query("q2", text="t" * 201)
    assert "201 characters" in fake.violations[0]


@pytest.mark.parametrize(
    ("command", "description"),
    [
        ("Mulai", "x"),
        ("mulai-rapat", "x"),
        ("", "x"),
        ("a" * 33, "x"),
        ("ok", ""),
        ("ok", "d" * 257),
    ],
)
async def test_bad_bot_commands_are_rejected(
    bot: Bot, fake: RecordingRequest, command: str, description: str
) -> None:
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND"):
        await bot.set_my_commands([BotCommand(command, description)])
    assert fake.violations


async def test_command_list_is_limited_to_100(bot: Bot, fake: RecordingRequest) -> None:
    commands = [BotCommand(f"c{i}", "deskripsi") for i in range(101)]
    await bot.set_my_commands(commands[:100])
    fake.assert_clean()
    with pytest.raises(BadRequest, match="(?i)BOT_COMMANDS_TOO_MUCH"):
        await bot.set_my_commands(commands)


async def test_unsupported_parse_mode_is_rejected(bot: Bot, fake: RecordingRequest) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(1, "x", parse_mode="html5")
    assert "parse_mode" in fake.violations[0]


async def test_edit_needs_a_message_identifier(bot: Bot, fake: RecordingRequest) -> None:
    with pytest.raises(BadRequest):
        await api(bot, "editMessageText", chat_id=1, text="x")
    assert "message_id" in fake.violations[0]


# --------------------------------------------------------------------------- fault injection
async def test_unreachable_user_answers_403(bot: Bot, fake: RecordingRequest) -> None:
    fake.unreachable.add(77)
    with pytest.raises(Forbidden, match="(?i)can't initiate conversation"):
        await bot.send_message(77, "halo")
    with pytest.raises(Forbidden):
        await bot.send_document(77, b"x", filename="a.txt")
    await bot.send_message(78, "halo")
    fake.assert_clean()
    assert fake.sent(chat_id=77) == []
    assert [c.status for c in fake.sent(None, 77, include_failed=True)] == [403, 403]
    assert fake.texts(78) == ["halo"]


async def test_migrated_group_answers_with_new_chat_id(bot: Bot, fake: RecordingRequest) -> None:
    fake.migrated[-4001] = -1001234567890
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(-4001, "halo")
    assert caught.value.new_chat_id == -1001234567890
    await bot.send_message(-1001234567890, "halo")
    fake.assert_clean()


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after
async def test_fail_next_answers_the_next_calls_with_the_error(
    bot: Bot, fake: RecordingRequest
) -> None:
    fake.fail_next(429, "Too Many Requests: retry after 7", count=2, retry_after=7)
    await bot.get_me()  # getMe is never affected
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1, "a")
    delay = caught.value.retry_after
    assert (delay.total_seconds() if hasattr(delay, "total_seconds") else delay) == 7
    with pytest.raises(RetryAfter):
        await bot.answer_callback_query("q")
    await bot.send_message(1, "b")
    fake.fail_next(500, "Internal Server Error")
    with pytest.raises(Exception, match="(?i)Internal Server Error"):
        await bot.send_message(1, "c")
    fake.fail_next(400, "Bad Request: message to edit not found")
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=1, message_id=5)
    assert fake.texts(1) == ["b"]
    fake.assert_clean()


# --------------------------------------------------------------------------- answers
async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.can_join_groups) == (999000, True, BOT_USERNAME, True)
    assert bot.username == BOT_USERNAME


async def test_message_ids_increment_per_chat_and_chats_look_real(bot: Bot) -> None:
    first = await bot.send_message(5, "a")
    second = await bot.send_message(5, "b")
    in_group = await bot.send_message(-1001, "c")
    assert (first.message_id, second.message_id, in_group.message_id) == (1000, 1001, 1000)
    assert (first.chat.type, first.chat.first_name) == ("private", "Pengguna 5")
    assert (in_group.chat.type, in_group.chat.title) == ("supergroup", "Grup -1001")
    assert first.from_user is not None and first.from_user.is_bot
    assert first.date.timestamp() == NOW


async def test_registered_chat_is_used_in_results(bot: Bot, fake: RecordingRequest) -> None:
    fake.add_chat(group(-100777, "Rakor Bappeda"))
    message = await bot.send_message(-100777, "x")
    assert message.chat.title == "Rakor Bappeda"


async def test_results_conform_to_the_spec(bot: Bot, fake: RecordingRequest) -> None:
    spec = load_api_spec()
    document = fake.add_file(b"data", "lampiran.xlsx")
    await bot.send_message(
        1,
        "<b>x</b>",
        parse_mode=ParseMode.HTML,
        reply_markup=kb([InlineKeyboardButton("a", callback_data="a")]),
    )
    await bot.send_message(1, "balasan", reply_parameters=ReplyParameters(1000))
    await bot.send_document(-100, document["file_id"], caption="c")
    await bot.send_photo(2, fake.add_file(b"\x89PNG", "foto.png")["file_id"])
    await bot.edit_message_text("y", chat_id=1, message_id=1000)
    for call in fake.calls:
        returns = spec.methods[call.method]["returns"]
        assert spec.check(call.result, returns, call.method) == [], call


async def test_reply_parameters_fill_reply_to_message(bot: Bot) -> None:
    original = await bot.send_message(3, "pertanyaan")
    reply = await bot.send_message(
        3, "jawaban", reply_parameters=ReplyParameters(original.message_id)
    )
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "pertanyaan"


async def test_edit_without_markup_removes_keyboard_and_same_edit_is_not_modified(
    bot: Bot, fake: RecordingRequest
) -> None:
    markup = kb([InlineKeyboardButton("Selesai", callback_data="done:1")])
    sent = await bot.send_message(1, "tugas", reply_markup=markup)
    edited = await bot.edit_message_text("tugas (selesai)", chat_id=1, message_id=sent.message_id)
    assert isinstance(edited, Message)
    assert edited.reply_markup is None and edited.edit_date is not None
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_text("tugas (selesai)", chat_id=1, message_id=sent.message_id)
    again = await bot.edit_message_reply_markup(1, sent.message_id, reply_markup=markup)
    assert isinstance(again, Message)
    assert again.text == "tugas (selesai)" and again.reply_markup == markup
    fake.assert_clean()


async def test_get_updates_honours_offset(bot: Bot, fake: RecordingRequest) -> None:
    factory = UpdateFactory(first_update_id=10)
    budi = user(5, "Budi")
    for text in ("a", "b", "c"):
        fake.queue_update(factory.message(budi, private_chat(budi), text))
    assert [u.update_id for u in await bot.get_updates()] == [10, 11, 12]
    assert [u.update_id for u in await bot.get_updates(offset=12)] == [12]
    assert await bot.get_updates(offset=13, timeout=1) == ()
    fake.assert_clean()


async def test_file_download_round_trip(bot: Bot, fake: RecordingRequest) -> None:
    document = fake.add_file(b"Notulen rakor", "notulen rakor.txt")
    assert document["mime_type"] == "text/plain" and document["file_size"] == 13
    file = await bot.get_file(document["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"Notulen rakor"
    assert file.file_path is not None
    assert fake.downloads == [file.file_path.split(f"bot{TOKEN}/", 1)[1]]
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await bot.get_file("tidak-ada")
    fake.assert_clean()


async def test_uploaded_document_is_recorded_and_downloadable(
    bot: Bot, fake: RecordingRequest
) -> None:
    sent = await bot.send_document(-100, b"PK\x03\x04", filename="rekap.xlsx", caption="Rekap")
    call = fake.last(-100)
    assert call.method == "sendDocument" and call.files["document"].content == b"PK\x03\x04"
    assert call.files["document"].file_name == "rekap.xlsx"
    assert sent.document is not None and sent.document.file_name == "rekap.xlsx"
    assert fake.file_content(sent.document.file_id) == b"PK\x03\x04"
    fake.assert_clean()


async def test_other_getters_return_parseable_objects(bot: Bot, fake: RecordingRequest) -> None:
    fake.member_status[(-100, 5)] = "administrator"
    assert (await bot.get_chat_member(-100, 5)).status == "administrator"
    assert (await bot.get_chat_member(-100, 7)).status == "member"
    assert (await bot.get_chat(-100)).type == "supergroup"
    sent = await bot.send_message(1, "hapus saya")
    assert await bot.delete_message(1, sent.message_id) is True
    with pytest.raises(BadRequest, match="to delete not found"):  # Telegram's answer too
        await bot.delete_message(1, sent.message_id)
    assert await bot.delete_webhook() is True
    assert await bot.get_my_commands() == ()
    fake.add_chat(private_chat(user(6, "Sari", "sari")))
    member = await bot.get_chat_member(-100, 6)
    assert (member.user.first_name, member.user.username) == ("Sari", "sari")
    fake.assert_clean()


# --------------------------------------------------------------------------- query helpers
async def test_query_helpers_and_clear(bot: Bot, fake: RecordingRequest) -> None:
    markup = kb(
        [
            InlineKeyboardButton("Ya", callback_data="ya"),
            InlineKeyboardButton("Tidak", callback_data="no"),
        ],
        [InlineKeyboardButton("Buka", url="https://pemda.go.id")],
    )
    await bot.send_message(1, "satu")
    await bot.send_message(1, "dua", reply_markup=markup)
    await bot.send_message(2, "lain")
    assert fake.texts(1) == ["satu", "dua"]
    assert [c.text for c in fake.sent(chat_id=2)] == ["lain"]
    last = fake.last(1)
    assert (last.chat_id, last.text) == (1, "dua")
    assert fake.buttons(last) == [
        [("Ya", "ya"), ("Tidak", "no")],
        [("Buka", "https://pemda.go.id")],
    ]
    with pytest.raises(BadRequest):
        await bot.send_message(1, "a" * 5000)
    fake.clear()
    assert fake.calls == [] and fake.texts(1) == []
    with pytest.raises(AssertionError, match="(?i)1 Telegram API violation"):
        fake.assert_clean()
    with pytest.raises(AssertionError, match="(?i)nothing was sent"):
        fake.last(1)


# --------------------------------------------------------------------------- PTB round trips
async def test_round_trip_through_a_real_bot(bot: Bot, fake: RecordingRequest) -> None:
    markup = kb([InlineKeyboardButton("✅ Selesai", callback_data="tugas:1:selesai")])
    sent = await bot.send_message(
        5, "<b>Tugas</b> baru", parse_mode=ParseMode.HTML, reply_markup=markup
    )
    await bot.edit_message_text(
        "Tugas <i>diperbarui</i>",
        chat_id=5,
        message_id=sent.message_id,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
    )
    await bot.answer_callback_query("cb-1", text="Tersimpan")
    await bot.set_my_commands(
        [BotCommand("tugas", "Daftar tugas saya")],
        scope=BotCommandScopeChat(-100123),
        language_code="id",
    )
    document = fake.add_file(b"isi", "arahan.pdf")
    file = await bot.get_file(document["file_id"])
    assert await file.download_as_bytearray() == bytearray(b"isi")
    fake.assert_clean()

    send, edit, answer, commands = (
        fake.sent(m)[0]
        for m in ("sendMessage", "editMessageText", "answerCallbackQuery", "setMyCommands")
    )
    assert send.params == {
        "chat_id": 5,
        "text": "<b>Tugas</b> baru",
        "parse_mode": "HTML",
        "reply_markup": markup.to_dict(),
    }
    assert send.reply_markup == {
        "inline_keyboard": [[{"text": "✅ Selesai", "callback_data": "tugas:1:selesai"}]]
    }
    assert edit.plain_text == "Tugas diperbarui"
    assert answer.params == {"callback_query_id": "cb-1", "text": "Tersimpan"}
    assert commands.params["scope"] == {"type": "chat", "chat_id": -100123}
    assert commands.params["commands"] == [{"command": "tugas", "description": "Daftar tugas saya"}]


async def test_application_handles_factory_updates(fake: RecordingRequest) -> None:
    """Commands (plain and @mention), callbacks on a sent message and replies all route."""
    seen: list[str] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        seen.append(f"start:{context.args}")
        await update.effective_message.reply_text(
            "Pilih:", reply_markup=kb([InlineKeyboardButton("Ya", callback_data="pilih:ya")])
        )

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        seen.append(f"cb:{query.data}:{query.message.message_id}")
        await query.answer("OK")
        await query.edit_message_text("Dipilih: ya")

    app = ApplicationBuilder().token(TOKEN).request(fake).get_updates_request(fake).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(chosen, pattern=r"^pilih:"))
    factory = UpdateFactory()
    budi = user(5, "Budi", "budi")
    rakor = group(-1001500, "Rakor")

    async with app:
        await app.process_update(
            Update.de_json(factory.message(budi, private_chat(budi), "/start x"), app.bot)
        )
        await app.process_update(
            Update.de_json(factory.message(budi, rakor, f"/start@{BOT_USERNAME}"), app.bot)
        )
        await app.process_update(
            Update.de_json(factory.message(budi, rakor, "/start@LainBot"), app.bot)
        )
        menu = fake.last(5)
        await app.process_update(Update.de_json(factory.callback(budi, menu, "pilih:ya"), app.bot))
        reply = factory.message(budi, private_chat(budi), "balas", reply_to=menu)
        parsed = Update.de_json(reply, app.bot)
        assert parsed.message is not None and parsed.message.reply_to_message is not None
        assert parsed.message.reply_to_message.message_id == menu.result["message_id"]

    assert seen == ["start:['x']", "start:[]", "cb:pilih:ya:1000"]
    assert fake.texts(5) == ["Pilih:"]
    assert fake.texts(-1001500) == ["Pilih:"]
    assert fake.sent("editMessageText")[0].text == "Dipilih: ya"
    assert fake.sent("answerCallbackQuery")[0].params["text"] == "OK"
    fake.assert_clean()


def test_factory_updates_conform_to_the_spec(fake: RecordingRequest) -> None:
    spec = load_api_spec()
    factory = UpdateFactory()
    budi = user(5, "Budi", "budi", last_name="Santoso")
    file = fake.add_file(b"x", "a.pdf")
    photo = fake.add_file(b"x", "a.jpg")
    bot_message = {
        "message_id": 1000,
        "date": NOW,
        "chat": private_chat(budi),
        "from": {"id": 999000, "is_bot": True, "first_name": "Tindak Lanjut"},
        "text": "t",
    }
    updates = [
        factory.message(budi, private_chat(budi), "/tugas@TindakLanjutBot 3", reply_to=bot_message),
        factory.document(budi, group(-100, "G"), file, caption="/lapor selesai"),
        factory.photo(budi, group(-100, "G"), photo),
        factory.callback(budi, bot_message, "x"),
        factory.edited_message(budi, private_chat(budi), "ubah", message_id=1),
    ]
    assert [u["update_id"] for u in updates] == [1, 2, 3, 4, 5]
    for update in updates:
        assert spec.check(update, ["Update"], "update") == [], update
    assert updates[0]["message"]["entities"] == [
        {"type": "bot_command", "offset": 0, "length": len("/tugas@TindakLanjutBot")}
    ]
    assert updates[1]["message"]["caption_entities"][0]["length"] == len("/lapor")


async def test_polling_delivers_queued_updates(fake: RecordingRequest) -> None:
    """``get_updates_request`` may be the same fake; polling confirms updates via offset."""
    received = asyncio.Event()
    texts: list[str] = []

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_message.text
        texts.append(update.effective_message.text)
        received.set()

    app = ApplicationBuilder().token(TOKEN).request(fake).get_updates_request(fake).build()
    app.add_handler(CommandHandler("mulai", echo))
    budi = user(5, "Budi")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0)
        fake.queue_update(UpdateFactory().message(budi, private_chat(budi), "/mulai"))
        await asyncio.wait_for(received.wait(), timeout=5)
        await app.updater.stop()
        await app.stop()
    assert texts == ["/mulai"]
    assert fake.sent("deleteWebhook")
    offsets = [c.params.get("offset") for c in fake.sent("getUpdates")]
    assert 2 in offsets  # the update was confirmed
    fake.assert_clean()
