"""The database schema: SQLAlchemy 2 typed models, identical on SQLite and PostgreSQL.

Domain tables carry the users' words (opd, rakor, arahan, penugasan, laporan, bukti);
the plumbing tables (inbox, outbox, message links, audit) carry the architecture's words.
Every timestamp is stored timezone-aware in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from storage.states import (
    ArahanState,
    BerkasState,
    DraftState,
    OutboxPrioritas,
    OutboxState,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python, whatever the database keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (needed by Alembic on SQLite)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Opd(Base):
    """A regional agency (Dinas, Badan, Bagian, Kecamatan) in one Asisten cluster."""

    __tablename__ = "opd"
    id: Mapped[int] = mapped_column(primary_key=True)
    kode: Mapped[str] = mapped_column(String(20), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    klaster: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Member(Base):
    """A Telegram user bound to a role (and an OPD or a cluster); deactivation keeps history."""

    __tablename__ = "member"
    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(64))
    peran: Mapped[str] = mapped_column(String(20))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    klaster: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # an admin only because ADMIN_IDS lists them: removed from the list, they stop being one
    via_admin_ids: Mapped[bool] = mapped_column(Boolean, default=False)
    # None: not tried yet; False: Telegram refused a private message (never started / blocked).
    reachable: Mapped[bool | None] = mapped_column(Boolean)
    joined_at: Mapped[datetime]


class Invite(Base):
    """A single-use, expiring invitation that binds whoever redeems it to a role."""

    __tablename__ = "invite"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    peran: Mapped[str] = mapped_column(String(20))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    klaster: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_at: Mapped[datetime | None]


class Rakor(Base):
    """A coordination meeting; directives created after it belong to it until the next one."""

    __tablename__ = "rakor"
    id: Mapped[int] = mapped_column(primary_key=True)
    judul: Mapped[str] = mapped_column(String(200))
    tanggal: Mapped[date] = mapped_column(Date)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class Draft(Base):
    """A batch of directives being prepared by one admin; nothing is sent before Terbitkan."""

    __tablename__ = "draft"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_telegram_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # terbuka (open) → terbit (published) | batal (cancelled)
    state: Mapped[str] = mapped_column(String(12), default=DraftState.TERBUKA.value)
    rakor_id: Mapped[int] = mapped_column(ForeignKey("rakor.id"))
    # guided flow: which step waits for the admin (opd, tenggat, teks, prioritas, pratinjau)
    step: Mapped[str | None] = mapped_column(String(20))
    # {"items": [{"opd": [ids lead first], "tenggat": iso, "teks": str, "prioritas": str}],
    #  "pick": [ids picked so far in the guided flow], "page": int}
    content: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class Arahan(Base):
    """A directive: text, deadline, priority, source Rakor; gets a number when published."""

    __tablename__ = "arahan"
    id: Mapped[int] = mapped_column(primary_key=True)
    nomor: Mapped[int | None] = mapped_column(Integer, unique=True)
    rakor_id: Mapped[int | None] = mapped_column(ForeignKey("rakor.id"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id"))
    teks: Mapped[str] = mapped_column(Text)
    tenggat: Mapped[date] = mapped_column(Date)
    prioritas: Mapped[str] = mapped_column(String(10), default="sedang")
    # draf → terbit → dibatalkan
    status: Mapped[str] = mapped_column(String(12), default=ArahanState.DRAF.value)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    published_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class Penugasan(Base):
    """One directive assigned to one OPD, with its own status and progress."""

    __tablename__ = "penugasan"
    __table_args__ = (UniqueConstraint("arahan_id", "opd_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    arahan_id: Mapped[int] = mapped_column(ForeignKey("arahan.id"), index=True)
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), index=True)
    # penanggung_jawab (lead) or pendukung (supporting)
    kedudukan: Mapped[str] = mapped_column(String(20))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(30), default="baru", index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    # a request waiting for an admin's decision besides `selesai`: "tidak_dapat"
    pending: Mapped[str | None] = mapped_column(String(20))
    # kept with every report so the digest aggregates penugasan rows, not all reports
    last_report_at: Mapped[datetime | None]
    last_note: Mapped[str | None] = mapped_column(Text)
    kendala_since: Mapped[datetime | None]
    # when the progress last changed (None: never since publication); the digest's stalled sign
    progress_since: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class Laporan(Base):
    """A status report on a penugasan; never overwritten, a correction is a new row."""

    __tablename__ = "laporan"
    __table_args__ = (Index("ix_laporan_message", "chat_id", "message_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    penugasan_id: Mapped[int] = mapped_column(ForeignKey("penugasan.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    status_from: Mapped[str] = mapped_column(String(30))
    status_to: Mapped[str] = mapped_column(String(30))
    progress_from: Mapped[int | None] = mapped_column(Integer)
    progress: Mapped[int | None] = mapped_column(Integer)
    catatan: Mapped[str | None] = mapped_column(Text)
    kendala: Mapped[str | None] = mapped_column(Text)
    # a storage.states.Sumber value
    source: Mapped[str] = mapped_column(String(20))
    # set when this report asks to close as tidak_dapat_ditindaklanjuti
    tidak_dapat: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("laporan.id"))
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Bukti(Base):
    """Evidence (bukti dukung): a photo or document attached to a report."""

    __tablename__ = "bukti"
    id: Mapped[int] = mapped_column(primary_key=True)
    laporan_id: Mapped[int] = mapped_column(ForeignKey("laporan.id"), index=True)
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    jenis: Mapped[str] = mapped_column(String(20))
    size: Mapped[int | None] = mapped_column(BigInteger)
    caption: Mapped[str | None] = mapped_column(Text)
    message_link: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    # the bot's own copy (bot/features/evidence/keeper.py): antri (to download) → tersimpan
    # (kept in EVIDENCE_DIR as `stored_path`, a name made of ids) | terlalu_besar (over the
    # Bot API's 20 MB download limit: only Telegram has it)
    stored_state: Mapped[str] = mapped_column(
        String(16), default="antri", server_default="antri", index=True
    )
    stored_path: Mapped[str | None] = mapped_column(String(255))
    stored_size: Mapped[int | None] = mapped_column(BigInteger)
    stored_at: Mapped[datetime | None]
    # failed downloads are tried again after `store_after` (backing off), never given up
    store_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    store_after: Mapped[datetime | None]
    store_error: Mapped[str | None] = mapped_column(String(200))


class Group(Base):
    """A Telegram group registered for an OPD, or as the Rakor group."""

    __tablename__ = "tg_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    title: Mapped[str] = mapped_column(String(255))
    # opd or rakor
    jenis: Mapped[str] = mapped_column(String(10))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    registered_at: Mapped[datetime]


class AwaitedInput(Base):
    """What the bot waits for from one user in one chat (guided flow step, forced reply)."""

    __tablename__ = "awaited_input"
    __table_args__ = (UniqueConstraint("telegram_id", "chat_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(30))
    ref_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]


class InboxUpdate(Base):
    """A raw Telegram update, stored before it is handled, marked handled with its effects."""

    __tablename__ = "inbox"
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None] = mapped_column(index=True)
    outcome: Mapped[str | None] = mapped_column(String(200))


class OutboxMessage(Base):
    """A Bot API call to make exactly once; the unique key makes enqueueing idempotent."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "state", "not_before"),
        # the head of each chat's queue: its oldest row still queued or in flight
        Index("ix_outbox_chat", "chat_id", "state", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    method: Mapped[str] = mapped_column(String(40))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]]
    # antri (queued) → mengirim (claimed) → terkirim (sent) | gagal (permanent) | tidak_pasti
    state: Mapped[str] = mapped_column(String(12), default=OutboxState.ANTRI.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    # set just before the Bot API call: a claimed row without it was never attempted
    started_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(500))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    arahan_id: Mapped[int | None] = mapped_column(ForeignKey("arahan.id"))
    penugasan_id: Mapped[int | None] = mapped_column(ForeignKey("penugasan.id"))
    # a list message about an OPD's penugasan (replies start with the directive number)
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    created_at: Mapped[datetime]
    # who waits for it: an answer to a person (jawaban) goes before fan-out (siaran)
    prioritas: Mapped[int] = mapped_column(
        SmallInteger, default=OutboxPrioritas.JAWABAN, server_default="0"
    )
    # when the admins' delivery summary named this row (unknown fate or given up)
    dilaporkan_at: Mapped[datetime | None]


class MessageLink(Base):
    """What a message the bot sent is about, so replies map back: one directive (and
    penugasan), or a list of an OPD's penugasan (weekly push, reminders: `opd_id` only)."""

    __tablename__ = "message_link"
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    arahan_id: Mapped[int | None] = mapped_column(ForeignKey("arahan.id"))
    penugasan_id: Mapped[int | None] = mapped_column(ForeignKey("penugasan.id"))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))


class AuditLog(Base):
    """Who did what and when; nothing is ever overwritten without a trace here."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict[str, Any] | None]


class ScheduledRun(Base):
    """One occurrence of a schedule, run (with what it queued) or skipped (and why)."""

    __tablename__ = "scheduled_run"
    __table_args__ = (UniqueConstraint("jenis", "occurrence"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20))
    # local date and time of the cron occurrence, e.g. 2026-11-23T08:00
    occurrence: Mapped[str] = mapped_column(String(20))
    # selesai (run), libur (a day off), terlewat (missed beyond the grace period)
    state: Mapped[str] = mapped_column(String(12))
    queued: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime]


class OutboxFile(Base):
    """A file the bot made (an export, a report, a chart), kept until its outbox row has sent
    it: written in the same transaction as the row, so a crash loses neither."""

    __tablename__ = "outbox_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100))
    isi: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class BotState(Base):
    """A value the bot keeps for itself, written once at first start and shared by every
    process: the callback signing secret (so buttons survive a token change) and when the
    database was first set up (the lower bound of the schedules' catch-up)."""

    __tablename__ = "bot_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Escalation(Base):
    """An escalation step sent up the ladder (once per step); shown in the directive history."""

    __tablename__ = "escalation"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(120), unique=True)
    penugasan_id: Mapped[int] = mapped_column(ForeignKey("penugasan.id"), index=True)
    tangga: Mapped[str] = mapped_column(String(20))
    sebab: Mapped[str] = mapped_column(String(20))
    since: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    last_note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class Plh(Base):
    """An acting official (Plh/Plt) of an OPD for a date range: during it they receive the
    OPD's directives and reminders and may report for it; ended early by setting `ended_at`."""

    __tablename__ = "plh"
    id: Mapped[int] = mapped_column(primary_key=True)
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    dari: Mapped[date] = mapped_column(Date)
    sampai: Mapped[date] = mapped_column(Date)
    ended_at: Mapped[datetime | None]
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class Cuti(Base):
    """A member's leave or official trip (cuti, dinas luar): reminders pause and silence
    escalation does not count these days."""

    __tablename__ = "cuti"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    dari: Mapped[date] = mapped_column(Date)
    sampai: Mapped[date] = mapped_column(Date)
    keterangan: Mapped[str | None] = mapped_column(Text)
    ended_at: Mapped[datetime | None]
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class Perpanjangan(Base):
    """An OPD's request for a new deadline on one penugasan, decided by the admin (or the
    cluster's Asisten): menunggu → disetujui | ditolak."""

    __tablename__ = "perpanjangan"
    id: Mapped[int] = mapped_column(primary_key=True)
    penugasan_id: Mapped[int] = mapped_column(ForeignKey("penugasan.id"), index=True)
    tenggat_lama: Mapped[date] = mapped_column(Date)
    tenggat_baru: Mapped[date] = mapped_column(Date)
    alasan: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12))
    requested_by: Mapped[int] = mapped_column(BigInteger)
    requested_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)


class ArahanVersi(Base):
    """One version of a published directive, kept whenever `/arahan_ubah` changes it: the text,
    priority, deadline and OPDs (lead first) as they were, why, by whom and when."""

    __tablename__ = "arahan_versi"
    __table_args__ = (UniqueConstraint("arahan_id", "versi"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    arahan_id: Mapped[int] = mapped_column(ForeignKey("arahan.id"), index=True)
    versi: Mapped[int] = mapped_column(Integer)
    teks: Mapped[str] = mapped_column(Text)
    prioritas: Mapped[str] = mapped_column(String(10))
    tenggat: Mapped[date] = mapped_column(Date)
    # {"opd": [opd ids, lead first]}
    opd: Mapped[dict[str, Any]]
    alasan: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime]


class PermintaanBerkas(Base):
    """A file someone asked for (`/ekspor`, **📥 Unduh Excel**, `/laporan_rakor`): made by the
    file desk outside the update's unit of work, then queued in the outbox in the chat where it
    was asked. The rows are the queue: a restart loses nothing."""

    __tablename__ = "permintaan_berkas"
    __table_args__ = (Index("ix_permintaan_berkas_state", "state", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20))
    # what was asked, as the request of its feature (filters, a Rakor number)
    isian: Mapped[dict[str, Any]]
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # menunggu → selesai | gagal
    state: Mapped[str] = mapped_column(String(12), default=BerkasState.MENUNGGU.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # when a desk took it: another desk leaves it alone until this is LEASE old
    taken_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
