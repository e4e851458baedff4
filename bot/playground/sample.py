"""The sample Pemda of the playground: its officials, its groups, and the first week of work.

Built the way a real Pemda starts, through the bot itself: the admin imports
``bot/playground/contoh_opd.csv``, invites each official (who opens the link), registers the
groups, opens a Rakor and publishes its directives; then officials answer, so ``/status`` has
something to show on the first command: progress, a kendala and a completion waiting for
verification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

JSONDict = dict[str, Any]

SAMPLE_OPD = Path(__file__).resolve().parent / "contoh_opd.csv"  # package data
PEMDA = "Kabupaten Tanah Datar (contoh)"


@dataclass(frozen=True)
class Person:
    """An official of the sample Pemda, and how the admin invites them."""

    id: int
    first_name: str
    last_name: str
    peran: str  # what the page shows under the name
    undangan: str | None  # the /undang arguments (None: an admin from ADMIN_IDS)

    @property
    def user(self) -> JSONDict:
        """The person as a Telegram ``User``."""
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "language_code": "id",
        }

    @property
    def chat(self) -> JSONDict:
        """Their private chat with the bot."""
        return {
            "id": self.id,
            "type": "private",
            "first_name": self.first_name,
            "last_name": self.last_name,
        }

    @property
    def nama(self) -> str:
        """Full name as shown on the page."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Group:
    """A Telegram group of the sample Pemda."""

    id: int
    title: str
    daftar: str  # the /grup argument that registers it
    members: tuple[int, ...]

    @property
    def chat(self) -> JSONDict:
        """The group as a Telegram ``Chat``."""
        return {"id": self.id, "type": "supergroup", "title": self.title}


ADMIN = Person(1001, "Rina", "Wulandari", "Admin Setda", None)
KEPALA_DINKES = Person(2001, "dr. Budi", "Santoso", "Kepala Dinas Kesehatan", "kepala DINKES")
OPERATOR_DINKES = Person(2002, "Sari", "Lestari", "Operator Dinas Kesehatan", "operator DINKES")
KEPALA_PUPR = Person(2101, "Hendra", "Putra", "Kepala Dinas PUPR", "kepala DPUPR")
CAMAT = Person(2201, "Yusuf", "Rahman", "Camat Lima Kaum", "kepala KEC_LIMAKAUM")
ASISTEN_1 = Person(3001, "Marlina", "Sari", "Asisten I (Pemerintahan dan Kesra)", "asisten 1")
ASISTEN_2 = Person(3002, "Ahmad", "Fauzi", "Asisten II (Perekonomian dan Pembangunan)", "asisten 2")
ASISTEN_3 = Person(3003, "Dewi", "Kartika", "Asisten III (Administrasi Umum)", "asisten 3")
SEKDA = Person(4001, "Irwan", "Syahputra", "Sekretaris Daerah", "sekda")
BUPATI = Person(5001, "Eka", "Prasetya", "Bupati", "kepala_daerah")
PEOPLE = (
    ADMIN,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    KEPALA_PUPR,
    CAMAT,
    ASISTEN_1,
    ASISTEN_2,
    ASISTEN_3,
    SEKDA,
    BUPATI,
)
DINKES_GROUP = Group(
    -1001000000001, "Dinas Kesehatan", "DINKES", (ADMIN.id, KEPALA_DINKES.id, OPERATOR_DINKES.id)
)
RAKOR_GROUP = Group(-1001000000099, "Forum Rakor Pemkab", "rakor", tuple(p.id for p in PEOPLE))
GROUPS = (DINKES_GROUP, RAKOR_GROUP)

RAKOR = "Rakor Evaluasi Kinerja OPD Triwulan IV"
DIRECTIVES = (
    "DINKES,DPMN | 14 hari | Validasi data balita stunting per nagari dan laporkan ke Sekda"
    " | tinggi",
    "DPUPR,BPBD | 7 hari | Tangani jalan longsor di ruas Batipuh - Padang Panjang",
    "KEC_LIMAKAUM,DINKES | 5 hari | Percepat imunisasi dasar lengkap di Kecamatan Lima Kaum",
    "DINKES | 3 hari | Kirim data tenaga kesehatan puskesmas untuk rapat anggaran",
)
# what officials answer to the directive with this number (in their private chat)
ANSWERS = (
    (KEPALA_DINKES, 1, "Progres 50%, validasi sudah 6 dari 12 nagari"),
    (KEPALA_PUPR, 2, "Kendala: alat berat belum tersedia, menunggu bantuan dari BPBD"),
    (CAMAT, 3, "Sudah selesai, imunisasi dasar lengkap 100% di semua nagari"),
    (OPERATOR_DINKES, 4, "Diterima, data sedang kami kumpulkan dari puskesmas"),
)
_INVITE = re.compile(r"start=([A-Za-z0-9_-]+)")


class Driver(Protocol):
    """Acts as the people of the sample Pemda, one update at a time, and returns what the bot
    sent because of it (its messages, as Telegram stores them)."""

    async def say(
        self, person: Person, chat_id: int, text: str, *, reply_to: int | None = None
    ) -> list[JSONDict]:
        """``person`` writes ``text`` in a chat."""

    async def send_file(
        self, person: Person, chat_id: int, content: bytes, name: str, caption: str
    ) -> list[JSONDict]:
        """``person`` sends a document with a caption."""

    async def press(self, person: Person, chat_id: int, message_id: int, data: str) -> None:
        """``person`` presses a button under a message."""

    def messages(self, chat_id: int) -> list[JSONDict]:
        """The messages of a chat, oldest first."""


async def build(driver: Driver, now: datetime, zone: ZoneInfo) -> None:
    """The sample Pemda, from an empty database to a week into its Rakor's follow-up."""
    await driver.send_file(ADMIN, ADMIN.id, SAMPLE_OPD.read_bytes(), "contoh_opd.csv", "/opd_impor")
    for person in PEOPLE:
        if person.undangan is None:
            continue
        sent = await driver.say(ADMIN, ADMIN.id, f"/undang {person.undangan}")
        code = next(m.group(1) for msg in sent if (m := _INVITE.search(msg.get("text", ""))))
        await driver.say(person, person.id, f"/start {code}")
    for group in GROUPS:
        await driver.say(ADMIN, group.id, f"/grup {group.daftar}")
    held = (now - timedelta(days=7)).astimezone(zone).strftime("%d/%m/%Y")
    await driver.say(ADMIN, ADMIN.id, f"/rakor {RAKOR} | {held}")
    preview = await driver.say(ADMIN, ADMIN.id, "/arahan " + "\n".join(DIRECTIVES))
    card = next(m for m in reversed(preview) if m.get("reply_markup"))
    publish = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await driver.press(ADMIN, ADMIN.id, card["message_id"], publish)
    for person, nomor, text in ANSWERS:
        directive = directive_message(driver, person.id, nomor)
        answer = await driver.say(person, person.id, text, reply_to=directive)
        await _confirm_if_asked(driver, person, answer)


def directive_message(driver: Driver, chat_id: int, nomor: int) -> int:
    """The id of the message of directive ``nomor`` in a chat (the driver keeps the chats)."""
    for message in reversed(driver.messages(chat_id)):
        if f"Arahan No. {nomor}" in message.get("text", "") and message.get("reply_markup"):
            return int(message["message_id"])
    raise LookupError(f"Arahan No. {nomor} tidak ada di chat {chat_id}")


async def _confirm_if_asked(driver: Driver, person: Person, answer: list[JSONDict]) -> None:
    """When the bot asks whether the work is done completely, the official says yes."""
    for message in answer:
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            for button in row:
                if button.get("text", "").startswith("Ya, selesai"):
                    await driver.press(
                        person, person.id, message["message_id"], button["callback_data"]
                    )
                    return
