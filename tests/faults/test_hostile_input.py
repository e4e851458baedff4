"""Hostile input, property-based: whatever people (or forged clients, or Telegram itself) send,
the bot must not crash, must not send what Telegram rejects, must not change what it should
not, and must answer the humans who wrote to it.

Hypothesis draws the inputs; the bot state (a Pemda with OPDs, members, groups, a Rakor and
three published directives) is built once per test function, then every example is fed to the
same running bot. Hypothesis cannot drive an async test, so each test first collects a
derandomized list of examples with a sync ``@given`` function (``examples``) and then feeds
them one by one. Every example is checked for:

1. no crash: ``feed`` raises nothing, no ERROR log record, no generic "terjadi kesalahan";
2. nothing Telegram would reject: ``bot.request.violations`` stays empty;
3. nothing changed that should not be: row counts of Arahan, Penugasan, Laporan, Member, Opd,
   Invite, Rakor, plus the state of every penugasan, directive and member, per the sender's
   rights (a stranger changes nothing; an official only their own OPD's reports; an admin may);
4. a human answer where a human wrote: a command in a private chat gets a message, a button
   press gets answerCallbackQuery; bots, channels and inline queries get nothing.

Failures are collected across all examples and reported together, each with its input.
The bugs these properties found have regression tests of their own at the end of the file.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.domain.roles import ButtonKind
from bot.messaging.callbacks import CallbackSigner
from storage.models import Arahan, Invite, Laporan, Member, Opd, Penugasan, Rakor
from tests.support.fake_telegram import BOT_USERNAME, Call, RecordingRequest
from tests.support.harness import TOKEN, BotHarness, group, private_chat, user
from tests.support.pemda import (
    ASISTEN_1,
    DINKES_GROUP,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    RAKOR_GROUP,
    STRANGER,
    publish_three,
    setup_pemda,
)

JSONDict = dict[str, Any]
TRACKED = (Arahan, Penugasan, Laporan, Member, Opd, Invite, Rakor)
GENERIC_ERROR = "terjadi kesalahan"
SENDS = (
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "editMessageText",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
    "answerInlineQuery",
    "copyMessage",
    "forwardMessage",
    "setMessageReaction",
)
UNKNOWN_GROUP = group(-1001000000777, "Grup Tak Dikenal <b>&amp;")
SECRET_OF_DINKES = "Percepat imunisasi"  # directive 3: DINKES and KEC_LIMAKAUM only
DIRECTIVE_TEXTS = ("Validasi data balita", "Susun matriks", SECRET_OF_DINKES)
COMMANDS = (
    "start",
    "bantuan",
    "help",
    "opd",
    "opd_tambah",
    "opd_impor",
    "arahan_impor",
    "undang",
    "anggota",
    "nonaktif",
    "rakor",
    "arahan",
    "arahan_info",
    "tenggat",
    "batal",
    "arahan_ubah",
    "grup",
    "lapor",
    "tugas",
    "verifikasi",
    "status",
    "ingatkan",
    "ekspor",
    "tidak_ada",
    "START",
    "Lapor",
)
ADMIN_ONLY = (
    "opd",
    "opd_tambah",
    "undang",
    "anggota",
    "nonaktif",
    "rakor",
    "arahan",
    "tenggat",
    "batal",
    "arahan_ubah",
    "grup",
    "ingatkan",
)

# --------------------------------------------------------------------------- strategies
NUMBERS = (
    "-1",
    "0",
    "-0",
    "1",
    "2",
    "3",
    "4",
    "99",
    str(10**30),
    "99999999999999999999",
    "²",
    "³3",
    "１",
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "1e309",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    "١٢",
    "１２",
    "A-3",
    "No.3",
    "no 1",
    "A-999999999",
    "3.0",
)
ATOMS = (
    "",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "<b>",
    "</b>",
    "</a>",
    "<a href='x'>",
    "<i>x</b>",
    "&amp;",
    "&",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&bogus;",
    "<tg-spoiler>",
    "<pre><code>",
    "<script>alert(1)</script>",
    "*_[]()~`",
    "\\",
    "```",
    "*bold*",
    "_it_",
    "[x](tg://x)",
    "||spoiler||",
    "\u202e",
    "\u200f",
    "\u200e",
    "\u2066",
    "\ufeff",
    "\u2028",
    "\u00ad",
    "مرحبا بالعالم",
    "ابلاغ ٣",
    "שלום",
    "👍",
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "🇮🇩",
    "e\u0301",
    "\u0000",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x0b",
    "%s",
    "%(x)s",
    "{0}",
    "{nama}",
    "${x}",
    "' OR 1=1 --",
    "'; DROP TABLE arahan; --",
    '"',
    "'",
    "|",
    "||",
    " | | ",
    ",",
    ",,",
    "selesai",
    "progres 150%",
    "progres -5%",
    "sdh 60 persen",
    "kendala:",
    "siap",
    "31/12/2026",
    "29/02/2027",
    "00/00/0000",
    "9999-99-99",
    "besok",
    "10000 hari",
    "-3 hari",
    "klaster 10",
    "klaster 0",
    "asisten IX",
    "semua",
    "rakor",
    "DINKES",
    "BAPPEDA",
    "KEC_LIMAKAUM",
    "dinkes",
    "kepala",
    "operator",
    "admin",
    "asisten",
    "sekda",
    "@TindakLanjutBot",
    "/start",
    "/arahan",
    "https://t.me/x?start=abc",
    *NUMBERS,
)
LONG_PIECES = (
    "x",
    "<b>",
    "&amp;",
    "&",
    "👨‍👩‍👧‍👦",
    "\u202e",
    "مرحبا ",
    "*_",
    "\u0000",
    "a\n",
    "DINKES | besok | teks\n",
    "| ",
    "9",
)


def _long(piece: str, size: int) -> str:
    return (piece * (size // max(len(piece), 1) + 1))[:size]


def hostile_text() -> st.SearchStrategy[str]:
    """Empty, huge, markup, RTL, emoji, control characters, numbers out of range, random."""
    return st.one_of(
        st.sampled_from(ATOMS),
        st.lists(st.sampled_from(ATOMS), min_size=2, max_size=6).map(" ".join),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=60),
        st.text(st.characters(codec="ascii"), max_size=40),
        st.builds(
            _long,
            st.sampled_from(LONG_PIECES),
            st.sampled_from(
                [64, 200, 201, 255, 256, 500, 501, 2000, 2001, 3999, 4000, 4001, 4096, 4097, 10_000]
            ),
        ),
    )


def examples(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` examples of ``strategy``, the same on every run (derandomized, no database)."""
    found: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,  # the same examples on every run, whatever the profile
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found


def command_text(name: str, args: str, style: int) -> str:
    """``/name args`` typed in one of several ways (mention, newline, no space)."""
    if style == 1:
        return f"/{name}@{BOT_USERNAME} {args}"
    if style == 2:
        return f"/{name}\n{args}"
    if style == 3:
        return f"/{name}{args}"
    if style == 4:
        return f"/{name}@OtherBot {args}"
    return f"/{name} {args}"


# --------------------------------------------------------------------------- the watcher
@dataclass(frozen=True)
class Snapshot:
    """What hostile input must not change: row counts and the state of the work."""

    counts: dict[str, int]
    tugas: dict[int, tuple[Any, ...]]
    arahan: dict[int, tuple[Any, ...]]
    members: dict[int, tuple[Any, ...]]


async def snapshot(bot: BotHarness) -> Snapshot:
    """One read of everything the properties compare."""
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        session = uow.session
        counts = (
            await session.execute(
                select(
                    *[
                        select(func.count()).select_from(model).scalar_subquery()
                        for model in TRACKED
                    ]
                )
            )
        ).one()
        tugas = (
            await session.execute(
                select(
                    Penugasan.id,
                    Penugasan.opd_id,
                    Penugasan.status,
                    Penugasan.progress,
                    Penugasan.last_note,
                )
            )
        ).all()
        arahan = (
            await session.execute(
                select(Arahan.id, Arahan.status, Arahan.tenggat, Arahan.teks, Arahan.nomor)
            )
        ).all()
        members = (
            await session.execute(
                select(
                    Member.telegram_id, Member.active, Member.peran, Member.opd_id, Member.klaster
                )
            )
        ).all()
    return Snapshot(
        counts={model.__name__: int(n) for model, n in zip(TRACKED, counts, strict=True)},
        tugas={row[0]: tuple(row[1:]) for row in tugas},
        arahan={row[0]: tuple(row[1:]) for row in arahan},
        members={row[0]: tuple(row[1:]) for row in members},
    )


@dataclass(frozen=True)
class May:
    """What an example may change: nothing, its own OPD's reports, or anything (admin)."""

    anything: bool = False
    reports_of_opd: int | None = None


NOTHING = May()
ANYTHING = May(anything=True)


@dataclass
class Watch:
    """Feeds examples to the bot and checks the four properties after each one."""

    bot: BotHarness
    caplog: pytest.LogCaptureFixture
    failures: list[str] = field(default_factory=list)
    fed: int = 0
    # the last "after" snapshot, reused as the next "before" while no call happened between
    cached: tuple[int, Snapshot] | None = None

    async def run(
        self,
        label: str,
        act: Callable[[], Awaitable[Any]],
        *,
        may: May = NOTHING,
        answer_to: int | None = None,
        callback: bool = False,
        silent: bool = False,
        must_not_show: Iterable[str] = (),
    ) -> list[Call]:
        """Run one example; record every broken property under ``label``."""
        bot = self.bot
        before_calls = len(bot.request.calls)
        before_logs = len(self.caplog.records)
        before = None
        if not may.anything:
            reuse = self.cached is not None and self.cached[0] == before_calls
            before = self.cached[1] if self.cached and reuse else await snapshot(bot)
        self.cached = None
        problems: list[str] = []
        try:
            await act()
        except Exception as exc:  # a crash outside PTB's error handler
            problems.append(f"raised {type(exc).__name__}: {str(exc)[:300]}")
        self.fed += 1
        calls = bot.request.calls[before_calls:]
        errors = [r for r in self.caplog.records[before_logs:] if r.levelno >= logging.ERROR]
        for record in errors:
            cause = f" ({record.exc_info[1]!r})"[:300] if record.exc_info else ""
            problems.append(f"ERROR log from {record.name}: {record.getMessage()[:200]}{cause}")
        for call in calls:
            shown = call.params.get("text", call.params.get("caption", ""))
            if isinstance(shown, str) and GENERIC_ERROR in shown.lower():
                problems.append(f"generic error sent ({call.method})")
            for secret in must_not_show:
                if isinstance(shown, str) and secret in shown:
                    problems.append(f"leaked {secret!r} via {call.method}")
        if bot.request.violations:
            problems += [f"violation: {v[:300]}" for v in bot.request.violations]
            bot.request.violations.clear()
        if before is not None:
            after = await snapshot(bot)
            self.cached = (len(bot.request.calls), after)
            problems += self._changes(before, after, may)
        ok = [c for c in calls if c.ok]
        if answer_to is not None and not any(
            c.method in ("sendMessage", "sendDocument", "sendPhoto") and c.chat_id == answer_to
            for c in ok
        ):
            problems.append(f"no answer to chat {answer_to}: {[c.method for c in calls]}")
        if callback and not any(c.method == "answerCallbackQuery" for c in ok):
            problems.append(f"button press not answered: {[c.method for c in calls]}")
        if silent and (sent := [c.method for c in calls if c.method in SENDS]):
            problems.append(f"answered what needs no answer: {sent}")
        for problem in problems:
            self.failures.append(f"[{label}] {problem}")
        return calls

    @staticmethod
    def _changes(before: Snapshot, after: Snapshot, may: May) -> list[str]:
        problems: list[str] = []
        for name, count in before.counts.items():
            now = after.counts[name]
            if now == count:
                continue
            if name == "Laporan" and may.reports_of_opd is not None and now > count:
                continue
            problems.append(f"{name} rows {count} -> {now}")
        for pid, state in before.tugas.items():
            changed = after.tugas.get(pid) != state
            if changed and not (may.reports_of_opd is not None and state[0] == may.reports_of_opd):
                problems.append(f"penugasan {pid} {state[1:3]} -> {after.tugas.get(pid)}")
        if after.arahan != before.arahan:
            problems.append("a directive changed")
        if after.members != before.members:
            problems.append("a member changed")
        return problems

    def assert_clean(self, minimum: int) -> None:
        """Fail with every broken property (first 25 shown), after at least ``minimum``."""
        assert self.fed >= minimum, f"only {self.fed} examples fed"
        if self.failures:
            shown = "\n  ".join(self.failures[:25])
            raise AssertionError(
                f"{len(self.failures)} broken properties in {self.fed} examples:\n  {shown}"
            )


@pytest.fixture
def watch(bot: BotHarness, caplog: pytest.LogCaptureFixture) -> Watch:
    """A watcher over the running bot."""
    caplog.set_level(logging.INFO)
    return Watch(bot, caplog)


# --------------------------------------------------------------------------- the world
@dataclass
class World:
    """The published Pemda: who is who, and the messages their buttons hang under."""

    preview: Call
    directive_to: dict[tuple[int, int], Call]  # (chat id, nomor) -> message
    opd_of: dict[int, int]  # telegram id -> opd id
    buttons: list[tuple[Call, str]]  # every button the bot sent, with its message


def _nomor_of(call: Call) -> int | None:
    text = call.text or ""
    if "Arahan No. " not in text:
        return None
    digits = text.split("Arahan No. ", 1)[1].split("<", 1)[0].strip()
    return int(digits) if digits.isdigit() else None


async def published_world(bot: BotHarness) -> World:
    """setup_pemda + publish_three, then the penugasan ids and the messages they came in."""
    await setup_pemda(bot)
    preview, calls = await publish_three(bot)
    directive_to: dict[tuple[int, int], Call] = {}
    for call in calls:
        nomor = _nomor_of(call)
        if call.method == "sendMessage" and nomor is not None and isinstance(call.chat_id, int):
            directive_to.setdefault((call.chat_id, nomor), call)
    opd_of = {m.telegram_id: m.opd_id for m in await bot.rows(Member) if m.opd_id}
    return World(preview, directive_to, opd_of, all_buttons(bot))


async def try_join(bot: BotHarness, who: JSONDict, invite_args: str) -> list[Call]:
    """Invite and join like ``join``; nothing more when the invitation was refused."""
    calls = await bot.say(bot.admin, f"/undang {invite_args}")
    links = [c.text for c in calls if c.ok and "?start=" in (c.text or "")]
    if not links:
        return calls
    code = (links[-1] or "").split("?start=")[1].split()[0]
    return await bot.say(who, f"/start {code}")


def all_buttons(bot: BotHarness) -> list[tuple[Call, str]]:
    """Every callback button in every message the bot sent so far."""
    found = []
    for call in bot.request.calls:
        if call.ok and call.method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            for row in RecordingRequest.buttons(call):
                for _, data in row:
                    if data and not data.startswith(("http://", "https://", "tg://")):
                        found.append((call, data))
    return found


PEOPLE = {
    "stranger": STRANGER,
    "kepala_dinkes": KEPALA_DINKES,
    "operator_dinkes": OPERATOR_DINKES,
    "kepala_bappeda": KEPALA_BAPPEDA,
    "asisten": ASISTEN_1,
}


def may_for(world: World, who: JSONDict) -> May:
    """What this person may legitimately change: their own OPD's reports, else nothing."""
    opd = world.opd_of.get(who["id"])
    return May(reports_of_opd=opd) if opd else NOTHING


def must_not_show_for(who: JSONDict) -> tuple[str, ...]:
    """Directive texts this person must never see."""
    if who is STRANGER:
        return DIRECTIVE_TEXTS
    if who is KEPALA_BAPPEDA:
        return (SECRET_OF_DINKES,)
    return ()


# --------------------------------------------------------------------------- 1. commands
CHATS = ("private", "private", "private", "dinkes_group", "rakor_group", "unknown_group")
NASTY = "<b>&amp; *_[]()~` \u202eمرحبا 👨‍👩‍👧‍👦 \x00\x07"


def boundary_commands(
    roles: list[str], *, both: bool = False
) -> list[tuple[str, str, str, int, str]]:
    """Every command, from the roles in turn, with two numbers at a boundary, bare and with
    every kind of nastiness (four with ``both``), so the edges are covered whatever
    Hypothesis draws."""
    found = []
    for c, name in enumerate(COMMANDS):
        role = roles[c % len(roles)]
        for k, number in enumerate((NUMBERS[c % len(NUMBERS)], NUMBERS[-1 - c % len(NUMBERS)])):
            nasty = f"{number} {NASTY} | {number} | {NASTY}"
            for args in (number, nasty) if both else (nasty if k else number,):
                found.append((role, name, args, 0, "private"))
    return found


def _chat(kind: str, who: JSONDict) -> JSONDict:
    return {
        "private": private_chat(who),
        "dinkes_group": DINKES_GROUP,
        "rakor_group": RAKOR_GROUP,
        "unknown_group": UNKNOWN_GROUP,
    }[kind]


async def test_commands_from_officials_and_strangers_change_nothing_they_may_not(
    bot: BotHarness, watch: Watch
) -> None:
    """Every command, from every non-admin role, in private and groups, with hostile args."""
    world = await published_world(bot)
    drawn = examples(
        st.tuples(
            st.sampled_from(sorted(PEOPLE)),
            st.sampled_from(COMMANDS),
            hostile_text(),
            st.integers(0, 4),
            st.sampled_from(CHATS),
        ),
        70,
    )
    drawn += boundary_commands(sorted(PEOPLE))
    for role, name, args, style, chat_kind in drawn:
        who = PEOPLE[role]
        text = command_text(name, args, style)
        chat = _chat(chat_kind, who)
        await watch.run(
            f"{role} {chat_kind} {text[:120]!r}",
            partial(bot.say, who, text, chat=chat),
            may=may_for(world, who),
            answer_to=chat["id"] if chat_kind == "private" and style != 4 else None,
            must_not_show=must_not_show_for(who),
        )
    # the officials' numbers for other OPDs' directives: refused, nothing leaks
    for nomor in ("3", "No.3", "A-3", "1", "2", "999999999", "0", "-3"):
        for name in ("lapor", "arahan_info", "status"):
            text = f"/{name} {nomor} selesai" if name == "lapor" else f"/{name} {nomor}"
            await watch.run(
                f"bappeda {text!r}",
                partial(bot.say, KEPALA_BAPPEDA, text),
                may=may_for(world, KEPALA_BAPPEDA),
                answer_to=KEPALA_BAPPEDA["id"],
                must_not_show=(SECRET_OF_DINKES,),
            )
    watch.assert_clean(minimum=100)


async def test_admin_commands_with_hostile_arguments(bot: BotHarness, watch: Watch) -> None:
    """The admin may change data, but never crash or send what Telegram rejects; whatever
    hostile data got stored is then shown back by every listing without breaking a message."""
    await published_world(bot)
    admin_commands = (
        *ADMIN_ONLY,
        "status",
        "arahan_info",
        "verifikasi",
        "bantuan",
        "start",
        "lapor",
        "tugas",
        "ekspor",
    )
    drawn = examples(
        st.tuples(
            st.sampled_from(admin_commands),
            hostile_text(),
            st.integers(0, 3),
            st.sampled_from(CHATS[:4]),
        ),
        60,
    )
    drawn += [
        (name, args, style, chat)
        for _, name, args, style, chat in boundary_commands(["admin"], both=True)
        if name in admin_commands
    ]
    for name, args, style, chat_kind in drawn:
        text = command_text(name, args, style)
        chat = _chat(chat_kind, bot.admin)
        await watch.run(
            f"admin {chat_kind} {text[:120]!r}",
            partial(bot.say, bot.admin, text, chat=chat),
            may=ANYTHING,
            answer_to=chat["id"] if chat_kind == "private" else None,
        )
    # hostile values that are valid input and get stored, then shown again everywhere
    stored = examples(st.tuples(hostile_text(), hostile_text()), 8)
    for n, (name, title) in enumerate(stored):
        for text in (
            f"/opd_tambah HX{n} | {name[:200] or 'x'} | 1",
            f"/rakor {title[:200] or 'x'} | besok",
            f"/arahan HX{n},DINKES | besok | {name[:1000] or 'x'}",
        ):
            calls = await watch.run(
                f"admin stores {text[:120]!r}",
                partial(bot.say, bot.admin, text),
                may=ANYTHING,
                answer_to=bot.admin["id"],
            )
            for call in calls:
                publish = [
                    d
                    for row in RecordingRequest.buttons(call)
                    for _, d in row
                    if d.startswith("dr:pub")
                ]
                if publish:
                    await watch.run(
                        f"publish {text[:80]!r}",
                        partial(bot.press, bot.admin, call, publish[0]),
                        may=ANYTHING,
                        callback=True,
                    )
        await watch.run(
            f"join as kepala HX{n}",
            partial(try_join, bot, user(5000 + n, "Anggota"), f"kepala HX{n}"),
            may=ANYTHING,
        )
    for text in (
        "/opd",
        "/anggota",
        "/status",
        "/status semua",
        "/status klaster 1",
        "/status DINKES",
        "/verifikasi",
        "/bantuan",
        *(f"/arahan_info {n}" for n in range(1, 20)),
        *(f"/status HX{n}" for n in range(8)),
    ):
        await watch.run(
            f"admin lists {text!r}",
            partial(bot.say, bot.admin, text),
            may=ANYTHING,
            answer_to=bot.admin["id"],
        )
    for n in range(8):
        await watch.run(
            f"HX{n} /tugas",
            partial(bot.say, user(5000 + n, "Anggota"), "/tugas"),
            may=ANYTHING,
            answer_to=5000 + n,
        )
    watch.assert_clean(minimum=100)


# --------------------------------------------------------------------------- 2. messages
async def test_free_text_replies_captions_and_edits(bot: BotHarness, watch: Watch) -> None:
    """Hostile text as a plain message, a reply to a directive (own OPD, other OPD, stranger),
    a forced reply after a button, a photo/document caption and an edited message."""
    world = await published_world(bot)
    dinkes_1 = world.directive_to[(KEPALA_DINKES["id"], 1)]
    group_1 = world.directive_to[(DINKES_GROUP["id"], 1)]
    rakor_3 = world.directive_to[(RAKOR_GROUP["id"], 3)]
    targets = {"none": None, "own": dinkes_1, "group": group_1, "rakor": rakor_3}
    drawn = examples(
        st.tuples(
            st.sampled_from(sorted(PEOPLE)),
            hostile_text(),
            st.sampled_from(sorted(targets)),
            st.sampled_from(("text", "photo", "document", "edit")),
        ),
        70,
    )
    photo = bot.request.add_file(b"\x89PNG fake", file_name="foto.jpg", mime_type="image/jpeg")
    for role, text, target, kind in drawn:
        who = PEOPLE[role]
        reply_to = targets[target]
        chat = private_chat(who)
        if target in ("group", "rakor"):
            chat = DINKES_GROUP if target == "group" else RAKOR_GROUP
        label = f"{role} {kind} to {target}: {text[:100]!r}"
        # a human writing in private gets an answer (Telegram never delivers empty text)
        answer = (
            chat["id"]
            if chat["type"] == "private"
            and (kind in ("photo", "document") or (kind == "text" and text.strip()))
            else None
        )

        async def act(
            who: JSONDict = who,
            text: str = text,
            kind: str = kind,
            chat: JSONDict = chat,
            reply_to: Call | None = reply_to,
        ) -> None:
            if kind == "text":
                await bot.say(who, text, chat=chat, reply_to=reply_to)
            elif kind == "photo":
                await bot.feed(
                    bot.updates.photo(who, chat, photo, caption=text[:1024], reply_to=reply_to)
                )
            elif kind == "document":
                doc = bot.request.add_file(
                    text.encode("utf-8", "replace")[:2000], file_name=(text[:200] or "x") + ".pdf"
                )
                await bot.feed(
                    bot.updates.document(who, chat, doc, caption=text[:1024], reply_to=reply_to)
                )
            else:
                original = bot.updates.message(who, chat, "progres 10%", reply_to=reply_to)
                await bot.feed(original)
                await bot.feed(
                    bot.updates.edited_message(
                        who, chat, text or " ", original["message"]["message_id"]
                    )
                )

        await watch.run(
            label,
            act,
            may=may_for(world, who),
            answer_to=answer,
            must_not_show=must_not_show_for(who),
        )
    # a forced reply after Progres / Kendala / Selesai, answered with hostile text
    forced = examples(st.tuples(st.sampled_from(("📈", "⚠️", "✅")), hostile_text()), 20)
    for label_start, text in forced:
        data = next(
            d
            for row in RecordingRequest.buttons(dinkes_1)
            for lbl, d in row
            if lbl.startswith(label_start)
        )
        calls = await watch.run(
            f"press {label_start}",
            partial(bot.press, KEPALA_DINKES, dinkes_1, data),
            may=may_for(world, KEPALA_DINKES),
            callback=True,
        )
        prompts = [c for c in calls if c.method == "sendMessage" and c.ok]
        await watch.run(
            f"forced reply {label_start} {text[:100]!r}",
            partial(bot.say, KEPALA_DINKES, text, reply_to=prompts[-1] if prompts else None),
            may=may_for(world, KEPALA_DINKES),
        )
    watch.assert_clean(minimum=100)


# --------------------------------------------------------------------------- 3. buttons
def _random_sig(draw_text: str) -> str:
    return (draw_text + "AAAAAAAAAA")[:10]


async def test_forged_and_replayed_buttons(bot: BotHarness, watch: Watch) -> None:
    """Random callback data, valid-looking data with a wrong signature, real buttons pressed
    by the wrong people, twice, and after their draft was published or their directive
    cancelled: each press is answered, and only the rightful press changes anything."""
    world = await published_world(bot)
    dinkes_1 = world.directive_to[(KEPALA_DINKES["id"], 1)]
    # more real buttons: a report receipt (take back), a digest, a pending verification
    await bot.say(
        KEPALA_DINKES, "sudah selesai", reply_to=world.directive_to[(KEPALA_DINKES["id"], 3)]
    )
    await bot.say(bot.admin, "/status")
    await bot.say(bot.admin, "/verifikasi")
    cancelled = await bot.say(bot.admin, "/arahan BAPPEDA | besok | Draf yang dibatalkan")
    draft = [c for c in cancelled if c.method == "sendMessage"][-1]
    await bot.press(bot.admin, draft, RecordingRequest.buttons(draft)[0][1][1])
    buttons = all_buttons(bot)
    real = sorted({data for _, data in buttons})
    forged = st.one_of(
        st.text(max_size=80),
        st.text(st.characters(codec="ascii"), max_size=64),
        st.sampled_from(
            (
                "",
                ":",
                "::::",
                "pg",
                "pg:",
                "pg:t",
                "pg:t:",
                "dr:pub:1",
                "x" * 64,
                "x" * 65,
                "é" * 40,
                "pg:t:1:" + "A" * 57,
            )
        ),
        st.builds(
            lambda p, a, i, s: f"{p}:{a}:{i}:{_random_sig(s)}",
            st.sampled_from(("pg", "ar", "lp", "dr", "gd", "st", "vf")),
            st.sampled_from(("t", "p", "k", "s", "pub", "del", "o", "a", "k", "y", "n")),
            st.sampled_from(NUMBERS),
            st.text(st.characters(codec="ascii"), max_size=12),
        ),
        st.sampled_from(real).map(lambda d: d[:-1] + ("B" if d[-1] != "B" else "C")),
        st.sampled_from(real).map(lambda d: d + ":1"),
    )
    drawn = examples(st.tuples(st.sampled_from(sorted(PEOPLE) + ["admin"]), forged), 50)
    for role, data in drawn:
        who = bot.admin if role == "admin" else PEOPLE[role]
        await watch.run(
            f"{role} forged {data!r}",
            partial(bot.press, who, dinkes_1, data),
            callback=True,
            must_not_show=must_not_show_for(who),
        )
    # real buttons, pressed by anyone, twice in a row; officials may change their own work
    replays = examples(
        st.tuples(st.sampled_from(sorted(PEOPLE)), st.sampled_from(range(len(buttons)))), 30
    )
    for role, index in replays:
        who = PEOPLE[role]
        message, data = buttons[index]
        for attempt in (1, 2):
            await watch.run(
                f"{role} presses {data!r} #{attempt}",
                partial(bot.press, who, message, data),
                may=may_for(world, who),
                callback=True,
                must_not_show=must_not_show_for(who),
            )
    # the admin's own buttons, replayed after the fact: everything may change, nothing breaks
    for data, message in {d: m for m, d in buttons}.items():
        for attempt in (1, 2):
            await watch.run(
                f"admin presses {data!r} #{attempt}",
                partial(bot.press, bot.admin, message, data),
                may=ANYTHING,
                callback=True,
            )
    # after /batal, the officials' buttons of that directive change nothing
    await bot.say(bot.admin, "/batal 1 dibatalkan untuk uji")
    for (chat_id, nomor), message in world.directive_to.items():
        official = next((p for p in PEOPLE.values() if p["id"] == chat_id), None)
        if official is None or nomor != 1:
            continue
        for _, data in [b for row in RecordingRequest.buttons(message) for b in row]:
            await watch.run(
                f"{official['first_name']} presses {data!r} after /batal",
                partial(bot.press, official, message, data),
                callback=True,
            )
    watch.assert_clean(minimum=180)


async def test_guided_flow_with_hostile_steps_and_stale_buttons(
    bot: BotHarness, watch: Watch
) -> None:
    """The guided /arahan, answered with hostile deadlines and texts; its buttons pressed again
    after the draft was published."""
    await published_world(bot)
    drawn = examples(st.tuples(hostile_text(), hostile_text()), 5)
    for deadline, teks in drawn:
        calls = await bot.say(bot.admin, "/arahan")
        picker = [c for c in calls if c.method == "sendMessage"][-1]
        steps = [
            (picker, RecordingRequest.buttons(picker)[0][0][1]),
            (picker, RecordingRequest.buttons(picker)[-1][0][1]),
        ]
        for message, data in steps:
            await watch.run(
                f"guided {data!r}",
                partial(bot.press, bot.admin, message, data),
                may=ANYTHING,
                callback=True,
            )
        for text in (deadline, "2 minggu", teks, "Teks arahan biasa"):
            # Telegram trims messages and never delivers an empty one: no answer needed then
            calls = await watch.run(
                f"guided step {text[:100]!r}",
                partial(bot.say, bot.admin, text),
                may=ANYTHING,
                answer_to=bot.admin["id"] if text.strip() else None,
            )
            for call in calls:
                for row in RecordingRequest.buttons(call):
                    if row and row[0][1].startswith("gd:p"):
                        await watch.run(
                            "priority",
                            partial(bot.press, bot.admin, call, row[-1][1]),
                            may=ANYTHING,
                            callback=True,
                        )
        for message, data in all_buttons(bot)[-6:]:
            await watch.run(
                f"publish/replay {data!r}",
                partial(bot.press, bot.admin, message, data),
                may=ANYTHING,
                callback=True,
            )
    # every guided button ever sent, pressed again now that its draft is gone
    stale = {data: message for message, data in all_buttons(bot)}
    for data, message in stale.items():
        if data.startswith(("gd:", "dr:")):
            await watch.run(
                f"stale {data!r}",
                partial(bot.press, bot.admin, message, data),
                may=ANYTHING,
                callback=True,
            )
    watch.assert_clean(minimum=100)


# --------------------------------------------------------------------------- 4. files
async def test_hostile_import_files(bot: BotHarness, watch: Watch) -> None:
    """CSV/XLSX files with hostile cells, binary garbage, empty files, odd names."""
    await published_world(bot)
    cell = hostile_text().map(lambda s: s[:300])
    csv = st.lists(st.lists(cell, min_size=0, max_size=5), max_size=6).map(
        lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "replace")
    )
    content = st.one_of(
        csv,
        st.binary(max_size=300),
        st.sampled_from(
            (
                b"",
                b"\xef\xbb\xbf",
                b"kode,nama,klaster\n",
                b"PK\x03\x04garbage",
                b"\x00" * 100,
                b"opd,tenggat,arahan\nDINKES,besok," + b"x" * 5000,
            )
        ),
    )
    drawn = examples(
        st.tuples(
            st.sampled_from(("/opd_impor", "/arahan_impor")),
            content,
            st.sampled_from(
                (
                    "data.csv",
                    "data.xlsx",
                    "data.txt",
                    "<b>.csv",
                    "مرحبا.csv",
                    "x" * 250 + ".csv",
                    "data.exe",
                )
            ),
        ),
        25,
    )
    for caption, data, name in drawn:
        doc = bot.request.add_file(data, file_name=name)
        await watch.run(
            f"{caption} {name[:40]!r} {data[:60]!r}",
            partial(
                bot.feed,
                bot.updates.document(bot.admin, private_chat(bot.admin), doc, caption=caption),
            ),
            may=ANYTHING,
            answer_to=bot.admin["id"],
        )
        # the same file, sent by someone who may not import: refused, nothing changes
        await watch.run(
            f"kepala {caption} {name[:40]!r}",
            partial(
                bot.feed,
                bot.updates.document(
                    KEPALA_BAPPEDA, private_chat(KEPALA_BAPPEDA), doc, caption=caption
                ),
            ),
            may=NOTHING,
            answer_to=KEPALA_BAPPEDA["id"],
        )
    watch.assert_clean(minimum=50)


# --------------------------------------------------------------------------- 5. update kinds
GROUP_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
OTHER_BOT = {"id": 777000111, "is_bot": True, "first_name": "Bot Lain", "username": "LainBot"}
CHANNEL = {"id": -1001000000555, "type": "channel", "title": "Kanal Humas <b>"}


def _fresh(bot: BotHarness, who: JSONDict, chat: JSONDict) -> tuple[int, int]:
    """A new update id and message id, taken from the factory."""
    base = bot.updates.message(who, chat, "x")
    return base["update_id"], base["message"]["message_id"]


def odd_update(bot: BotHarness, kind: str, text: str, about: Call) -> tuple[JSONDict, bool]:
    """An update of an unexpected kind (Bot API shapes) and whether it must stay unanswered."""
    who = KEPALA_DINKES
    chat = private_chat(who)
    update_id, message_id = _fresh(bot, who, chat)
    now = int(bot.clock.now().timestamp())
    base: JSONDict = {"message_id": message_id, "date": now, "chat": chat, "from": who}
    reply = {k: v for k, v in about.result.items() if k != "reply_to_message"}
    channel_msg = {
        "message_id": message_id,
        "date": now,
        "chat": CHANNEL,
        "sender_chat": CHANNEL,
        "text": text or "x",
    }
    member = {"status": "member", "user": who}
    left = {"status": "left", "user": who}
    banned = {"status": "kicked", "user": who, "until_date": 0}
    bot_user = {k: bot.request.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
    messages: dict[str, tuple[JSONDict, bool]] = {
        "sticker": (
            {
                **base,
                "reply_to_message": reply,
                "sticker": {
                    "file_id": "CAACAgIAAx",
                    "file_unique_id": "AgADx",
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                },
            },
            False,
        ),
        "location": ({**base, "location": {"latitude": -0.95, "longitude": 100.35}}, False),
        "contact": (
            {**base, "contact": {"phone_number": text[:30] or "0", "first_name": text[:60] or "x"}},
            False,
        ),
        "voice": (
            {
                **base,
                "reply_to_message": reply,
                "voice": {"file_id": "AwACAgIAAx", "file_unique_id": "AgADv", "duration": 3},
            },
            False,
        ),
        "dice": ({**base, "dice": {"emoji": "🎲", "value": 6}}, False),
        "no_text": (dict(base), False),
        "poll_message": ({**base, "poll": _poll(text)}, False),
        "new_members": ({**base, "chat": DINKES_GROUP, "new_chat_members": [who, bot_user]}, False),
        "left_member": ({**base, "chat": DINKES_GROUP, "left_chat_member": bot_user}, False),
        "migrate": (
            {
                **base,
                "chat": group(-555, "Grup Lama", kind="group"),
                "migrate_to_chat_id": -1001000000556,
            },
            False,
        ),
        "pinned": ({**base, "chat": DINKES_GROUP, "pinned_message": reply}, False),
        "forwarded": (
            {
                **base,
                "text": text or "x",
                "forward_origin": {
                    "type": "hidden_user",
                    "sender_user_name": "Orang <b>",
                    "date": now,
                },
            },
            False,
        ),
        "topic": (
            {
                **base,
                "chat": {**DINKES_GROUP, "is_forum": True},
                "message_thread_id": 77,
                "is_topic_message": True,
                "text": text or "x",
                "reply_to_message": reply,
            },
            False,
        ),
        "from_bot": (
            {
                **base,
                "chat": DINKES_GROUP,
                "from": OTHER_BOT,
                "text": f"/status {text}",
                "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
            },
            True,
        ),
        "from_bot_reply": (
            {
                **base,
                "chat": DINKES_GROUP,
                "from": OTHER_BOT,
                "text": text or "selesai",
                "reply_to_message": reply,
            },
            True,
        ),
        "anonymous_admin": (
            {
                **base,
                "chat": DINKES_GROUP,
                "from": GROUP_BOT,
                "sender_chat": DINKES_GROUP,
                "text": f"/grup {text}",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
            True,
        ),
        "in_channel": ({**channel_msg}, True),
        "via_bot": ({**base, "text": text or "x", "via_bot": OTHER_BOT}, False),
    }
    if kind in messages:
        payload, silent = messages[kind]
        return {"update_id": update_id, "message": payload}, silent
    others: dict[str, tuple[str, JSONDict, bool]] = {
        "channel_post": ("channel_post", channel_msg, True),
        "edited_channel_post": ("edited_channel_post", {**channel_msg, "edit_date": now}, True),
        "inline_query": (
            "inline_query",
            {"id": str(update_id), "from": who, "query": text[:256], "offset": ""},
            True,
        ),
        "chosen_inline_result": (
            "chosen_inline_result",
            {"result_id": "1", "from": who, "query": text[:256]},
            True,
        ),
        "my_chat_member": (
            "my_chat_member",
            {
                "chat": DINKES_GROUP,
                "from": bot.admin,
                "date": now,
                "old_chat_member": {"status": "member", "user": bot_user},
                "new_chat_member": {"status": "left", "user": bot_user},
            },
            False,
        ),
        "my_chat_member_blocked": (
            "my_chat_member",
            {
                "chat": chat,
                "from": who,
                "date": now,
                "old_chat_member": {"status": "member", "user": bot_user},
                "new_chat_member": {"status": "kicked", "user": bot_user, "until_date": 0},
            },
            True,
        ),
        "chat_member": (
            "chat_member",
            {
                "chat": DINKES_GROUP,
                "from": bot.admin,
                "date": now,
                "old_chat_member": member,
                "new_chat_member": banned,
            },
            False,
        ),
        "chat_member_left": (
            "chat_member",
            {
                "chat": DINKES_GROUP,
                "from": who,
                "date": now,
                "old_chat_member": member,
                "new_chat_member": left,
            },
            False,
        ),
        "poll": ("poll", _poll(text), True),
        "poll_answer": (
            "poll_answer",
            {"poll_id": "1", "user": who, "option_ids": [0], "option_persistent_ids": ["a"]},
            True,
        ),
        "message_reaction": (
            "message_reaction",
            {
                "chat": chat,
                "message_id": about.result["message_id"],
                "user": who,
                "date": now,
                "old_reaction": [],
                "new_reaction": [{"type": "emoji", "emoji": "👍"}],
            },
            True,
        ),
        "message_reaction_count": (
            "message_reaction_count",
            {
                "chat": DINKES_GROUP,
                "message_id": 1,
                "date": now,
                "reactions": [{"type": {"type": "emoji", "emoji": "👍"}, "total_count": 3}],
            },
            True,
        ),
        "chat_join_request": (
            "chat_join_request",
            {"chat": DINKES_GROUP, "from": who, "user_chat_id": who["id"], "date": now},
            False,
        ),
        "inline_callback": (
            "callback_query",
            {
                "id": str(update_id),
                "from": who,
                "chat_instance": "1",
                "inline_message_id": "AAAA" + text.encode("ascii", "ignore").decode()[:20],
                "data": text[:64] or "x",
            },
            False,
        ),
        "inaccessible_callback": (
            "callback_query",
            {
                "id": str(update_id),
                "from": who,
                "chat_instance": "1",
                "message": {"chat": chat, "message_id": about.result["message_id"], "date": 0},
                "data": text[:64] or "x",
            },
            False,
        ),
        "game_callback": (
            "callback_query",
            {
                "id": str(update_id),
                "from": who,
                "chat_instance": "1",
                "message": {k: v for k, v in about.result.items()},
                "game_short_name": "g",
            },
            False,
        ),
        "pre_checkout_query": (
            "pre_checkout_query",
            {
                "id": str(update_id),
                "from": who,
                "currency": "IDR",
                "total_amount": 1000,
                "invoice_payload": text[:128] or "x",
            },
            False,
        ),
    }
    key, payload, silent = others[kind]
    return {"update_id": update_id, key: payload}, silent


def _poll(text: str) -> JSONDict:
    return {
        "id": "1",
        "question": text[:300] or "?",
        "options": [
            {"persistent_id": "a", "text": "ya", "voter_count": 1},
            {"persistent_id": "b", "text": "tidak", "voter_count": 0},
        ],
        "total_voter_count": 1,
        "is_closed": False,
        "is_anonymous": True,
        "type": "regular",
        "allows_multiple_answers": False,
        "allows_revoting": False,
        "members_only": False,
    }


ODD_KINDS = (
    "sticker",
    "location",
    "contact",
    "voice",
    "dice",
    "no_text",
    "poll_message",
    "new_members",
    "left_member",
    "migrate",
    "pinned",
    "forwarded",
    "topic",
    "from_bot",
    "from_bot_reply",
    "anonymous_admin",
    "in_channel",
    "via_bot",
    "channel_post",
    "edited_channel_post",
    "inline_query",
    "chosen_inline_result",
    "my_chat_member",
    "my_chat_member_blocked",
    "chat_member",
    "chat_member_left",
    "poll",
    "poll_answer",
    "message_reaction",
    "message_reaction_count",
    "chat_join_request",
    "inline_callback",
    "inaccessible_callback",
    "game_callback",
    "pre_checkout_query",
)


async def test_updates_of_unexpected_kinds(bot: BotHarness, watch: Watch) -> None:
    """Channel posts, inline queries, member changes, polls, reactions, stickers, locations,
    messages without text, from bots, in channels: no crash, no change, and silence where no
    human asked anything."""
    world = await published_world(bot)
    about = world.directive_to[(KEPALA_DINKES["id"], 1)]
    drawn = [(kind, "") for kind in ODD_KINDS]
    drawn += examples(st.tuples(st.sampled_from(ODD_KINDS), hostile_text()), 45)
    for kind, text in drawn:
        update, silent = odd_update(bot, kind, text, about)
        shape = bot.request.spec.check(update, ["Update"], "update")
        assert not shape, f"the test built an update Telegram would not send: {shape}"
        # a text reply to the directive (in a forum topic, or forwarded) is a report
        may = may_for(world, KEPALA_DINKES) if kind in ("topic", "forwarded") else NOTHING
        await watch.run(
            f"{kind} {text[:80]!r}",
            partial(bot.feed, update),
            may=may,
            silent=silent,
            callback=kind.endswith("_callback") and kind != "inline_callback",
        )
    watch.assert_clean(minimum=80)


# --------------------------------------------------------------------------- 6. names
async def test_hostile_names_and_titles_are_shown_safely(bot: BotHarness, watch: Watch) -> None:
    """People whose Telegram names are markup, RTL, emoji or control characters join, get
    directives with mentions in a group whose title is hostile too, and appear in listings."""
    await setup_pemda(bot)
    names = examples(hostile_text().map(lambda s: s[:64] or "\u200b"), 8)
    for n, name in enumerate(names):
        person = user(6000 + n, name, None, last_name=names[-1 - n][:64] or None)
        await watch.run(
            f"join {name!r}",
            partial(try_join, bot, person, "operator DINKES"),
            may=ANYTHING,
            answer_to=6000 + n,
        )
    title = (names[0] + names[-1])[:128] or "x"
    hostile_group = group(-1001000000888, title)
    await watch.run(
        f"/grup in {title!r}",
        lambda: bot.say(bot.admin, "/grup KEC_LIMAKAUM", chat=hostile_group),
        may=ANYTHING,
        answer_to=hostile_group["id"],
    )
    await watch.run(
        "/grup DINKES again",
        lambda: bot.say(bot.admin, "/grup DINKES", chat=hostile_group),
        may=ANYTHING,
        answer_to=hostile_group["id"],
    )
    await watch.run("publish", lambda: publish_three(bot), may=ANYTHING)
    for text in ("/anggota", "/opd", "/status", "/status DINKES", "/arahan_info 1"):
        await watch.run(
            f"admin {text}",
            partial(bot.say, bot.admin, text),
            may=ANYTHING,
            answer_to=bot.admin["id"],
        )
    for n in range(len(names)):
        person = user(6000 + n, names[n], None)
        text = "/lapor 1 kendala: anggaran " + names[n]
        await watch.run(
            f"{names[n]!r} reports",
            partial(bot.say, person, text),
            may=ANYTHING,
            answer_to=6000 + n,
        )
    watch.assert_clean(minimum=20)


# --------------------------------------------------------------------------- 7. signer
def test_signer_refuses_everything_it_did_not_make() -> None:
    """Pure property of the signature: no forged string is accepted, every made one is."""
    signer = CallbackSigner(TOKEN)
    other = CallbackSigner("654321:OTHER-TOKEN")

    @settings(max_examples=300)
    @given(st.text(max_size=100))
    def forged(data: str) -> None:
        made = other.make(ButtonKind.PENUGASAN, "t", 1) if data == "" else data
        tombol = signer.read(made)
        assert tombol is None or signer.make(tombol.kind, *tombol.args) == made

    @settings(max_examples=200)
    @given(st.sampled_from(ButtonKind), st.lists(st.integers(0, 10**9), max_size=4))
    def genuine(kind: ButtonKind, args: list[int]) -> None:
        data = signer.make(kind, *args)
        assert len(data.encode()) <= 64
        tombol = signer.read(data)
        assert tombol is not None and tombol.kind is kind
        assert tombol.args == tuple(str(a) for a in args)
        assert other.read(data) is None

    forged()
    genuine()


# --------------------------------------------------------------------------- regressions
NONAKTIF_CRASH = (
    "Was BUG 1: bot/features/people/service.py (/nonaktif) accepted any text with str.isdigit() "
    "of up to 20 characters; int() then refuses superscript digits such as '²' (ValueError), "
    "and ids above 2**63-1 overflow the BIGINT lookup in repo.member_by_telegram "
    "(OverflowError on SQLite, asyncpg DataError on PostgreSQL). The exception reaches "
    "handlers.errors.on_error and the admin gets 'terjadi kesalahan' instead of the format hint"
)


@pytest.mark.parametrize("user_id", ["9223372036854775808", "²"])
async def test_nonaktif_with_an_impossible_id_gets_the_format_hint(
    bot: BotHarness, watch: Watch, user_id: str
) -> None:
    calls = await watch.run(
        f"/nonaktif {user_id}",
        lambda: bot.say(bot.admin, f"/nonaktif {user_id}"),
        answer_to=bot.admin["id"],
    )
    texts = [c.text or "" for c in calls if c.method == "sendMessage"]
    assert any("/nonaktif USER_ID" in t for t in texts), texts
    watch.assert_clean(minimum=1)


NUL_CRASH = (
    "Was BUG 2 (PostgreSQL only): text from Telegram was stripped of control characters "
    "(handlers/common.py without_controls, 'PostgreSQL refuses NUL'), but four other strings "
    "are stored raw: the member's name (bot/features/people/service.py:134, from "
    "handlers/common.py:41 user.full_name), the group title (bot/features/opd/groups.py:28), and "
    "the evidence caption and file name (handlers/messages.py:19 and :23 -> Bukti.caption / "
    "Bukti.file_name). A NUL in any of them makes asyncpg raise "
    "CharacterNotInRepertoireError: the join, the /grup registration or the whole report is "
    "rolled back and the user gets 'terjadi kesalahan'"
)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
@pytest.mark.parametrize("where", ["name", "group_title", "caption", "file_name"])
async def test_nul_in_stored_telegram_strings_on_postgres(
    bot: BotHarness, watch: Watch, where: str
) -> None:
    world = await published_world(bot)
    directive = world.directive_to[(KEPALA_DINKES["id"], 1)]
    chat = private_chat(KEPALA_DINKES)
    expected = "Laporan dicatat"
    if where == "name":
        act: Callable[[], Awaitable[Any]] = lambda: try_join(  # noqa: E731
            bot, user(7001, "Nama\x00Jahat"), "kepala DINKES"
        )
        answer_to, expected = 7001, "terdaftar sebagai"
    elif where == "group_title":
        titled = group(-1001000000124, "Grup\x00Bappeda")
        act = lambda: bot.say(bot.admin, "/grup BAPPEDA", chat=titled)  # noqa: E731
        answer_to, expected = titled["id"], "terdaftar sebagai"
    elif where == "caption":
        photo = bot.request.add_file(b"\x89PNG", file_name="f.jpg", mime_type="image/jpeg")
        act = lambda: bot.feed(  # noqa: E731
            bot.updates.photo(
                KEPALA_DINKES, chat, photo, caption="progres 10%\x00", reply_to=directive
            )
        )
        answer_to = KEPALA_DINKES["id"]
    else:
        doc = bot.request.add_file(b"%PDF-1.4", file_name="lap\x00oran.pdf")
        act = lambda: bot.feed(  # noqa: E731
            bot.updates.document(
                KEPALA_DINKES, chat, doc, caption="progres 10%", reply_to=directive
            )
        )
        answer_to = KEPALA_DINKES["id"]
    calls = await watch.run(f"NUL in {where}", act, may=ANYTHING, answer_to=answer_to)
    texts = [c.text or "" for c in calls if c.method == "sendMessage" and c.ok]
    assert any(expected in t for t in texts), texts
    watch.assert_clean(minimum=1)
