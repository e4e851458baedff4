"""`/arahan_ubah` as use cases: each step of a change (what, the new value, the reason, the
preview, Simpan / Batal), what a saved change stores (versions, the directive, its penugasan,
the audit) and who it says is told; the refusals; and which messages lose their report
buttons (a withdrawn penugasan, a cancelled or closed directive). No Telegram."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.env import Env
from bot.features.arahan_ubah import service, tombol
from bot.features.arahan_ubah.service import Jenis, PilihanUbah, Sesi, UbahArahan
from bot.features.digest.service import numbers
from bot.features.directives.admin import BatalkanArahan, cancel
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.models import (
    Arahan,
    ArahanVersi,
    AuditLog,
    Draft,
    Laporan,
    OutboxMessage,
    Penugasan,
)
from storage.states import ArahanState, DraftState, OutboxState
from tests.services.conftest import ADMIN, Store
from tests.services.test_directive_admin import (
    DINKES_GROUP,
    RAKOR_GROUP,
    Pemda,
    env_of,
    seed,
)

ADMIN_CHAT = Caller(
    telegram_id=ADMIN.telegram_id, nama="Rina", username=None, chat_id=1001, chat_type="private"
)
OTHER_ADMIN = Caller(
    telegram_id=1002, nama="Tono", username=None, chat_id=1002, chat_type="private"
)
JENIS = {j: n for n, j in enumerate(service.JENIS)}


async def _start(store: Store, nomor: str = "7", caller: Caller = ADMIN_CHAT) -> Sesi:
    async with store.unit() as uow:
        sesi = await service.start(uow, caller, UbahArahan(nomor))
        await uow.commit()
    return sesi


async def _press(
    store: Store, env: Env, sesi: Sesi, langkah: str, nilai: int, caller: Caller = ADMIN_CHAT
) -> Sesi:
    async with store.unit() as uow:
        hasil = await service.press(uow, env, caller, PilihanUbah(sesi.draft_id, langkah, nilai))
        await uow.commit()
    return hasil


async def _type(store: Store, env: Env, text: str, caller: Caller = ADMIN_CHAT) -> Sesi | None:
    async with store.unit() as uow:
        hasil = await service.answer(uow, env, caller, text)
        await uow.commit()
    return hasil


async def _change(
    store: Store, env: Env, jenis: Jenis, value: str | int, reason: str = "hasil Rakor lanjutan"
) -> Sesi:
    """A whole change: what, the value (typed or pressed), the reason, then Simpan."""
    sesi = await _start(store)
    step = await _press(store, env, sesi, "j", JENIS[jenis])
    if isinstance(value, str):
        step = await _type(store, env, value) or step
    else:
        step = await _press(store, env, sesi, "p" if jenis is Jenis.PRIORITAS else "o", value)
    assert step.alasan_diminta
    preview = await _type(store, env, reason)
    assert preview is not None and preview.pratinjau is not None
    saved = await _press(store, env, sesi, "s", 0)
    assert saved.tersimpan is not None
    return saved


def _slots(recipients: list[Any]) -> set[str]:
    return {r.slot for r in recipients}


async def _tugas(store: Store, pemda: Pemda) -> dict[int, Penugasan]:
    rows = await store.rows(Penugasan, Penugasan.arahan_id == pemda.arahan)
    return {t.opd_id: t for t in rows}


async def test_text_change_keeps_both_versions_and_tells_the_opds(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    assert sesi.menu is not None and [o.kode for o in sesi.menu.opds] == ["DINKES", "BAPPEDA"]
    asked = await _press(store, env, sesi, "j", JENIS[Jenis.TEKS])
    assert asked.tanya is Jenis.TEKS
    with pytest.raises(InputTidakValid):
        await _type(store, env, "Validasi data <balita> & stunting")  # the same text
    saved = await _change(store, env, Jenis.TEKS, "Validasi   data balita per desa")
    perubahan = saved.tersimpan
    assert perubahan is not None and perubahan.versi == 2
    assert _slots(perubahan.tetap) == {
        f"anggota:{pemda.budi}",
        f"anggota:{pemda.sari}",
        f"anggota:{pemda.made}",
        f"grup:{DINKES_GROUP}",
    }
    assert perubahan.rakor_grup is not None and perubahan.rakor_grup.chat_id == RAKOR_GROUP
    assert perubahan.dicabut == [] and perubahan.baru is None
    assert perubahan.jumlah_pesan == 5
    arahan = (await store.rows(Arahan))[0]
    assert arahan.teks == "Validasi data balita per desa"
    versions = await store.rows(ArahanVersi)
    assert [(v.versi, v.teks, v.alasan, v.changed_by) for v in versions] == [
        (1, "Validasi data <balita> & stunting", None, ADMIN.telegram_id),
        (2, "Validasi data balita per desa", "hasil Rakor lanjutan", ADMIN.telegram_id),
    ]
    assert versions[1].opd == {"opd": [pemda.dinkes, pemda.bappeda]}
    audit = [a for a in await store.rows(AuditLog) if a.action == "ubah"]
    assert audit[0].subject == f"arahan:{pemda.arahan}"
    assert audit[0].details is not None and audit[0].details["versi"] == 2
    # a second change adds one version, not two
    await _change(store, env, Jenis.PRIORITAS, 0, "perhatian Bupati")
    assert [v.versi for v in await store.rows(ArahanVersi)] == [1, 2, 3]
    assert (await store.rows(Arahan))[0].prioritas == "tinggi"


async def test_priority_buttons(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    chooser = await _press(store, env, sesi, "j", JENIS[Jenis.PRIORITAS])
    assert chooser.prioritas == "sedang"
    same = await _press(store, env, sesi, "p", 1)
    assert same.jawaban == Teks("ubah.sama")
    wrong = await _press(store, env, sesi, "p", 9)
    assert wrong.jawaban == Teks("tombol.tidak_sah")
    # a priority pressed before the step asks for one is refused
    other = await _start(store)
    early = await _press(store, env, other, "p", 0)
    assert early.jawaban == Teks("tombol.tidak_sah")


async def test_adding_an_opd_assigns_it_and_the_digest_counts_it(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    picker = await _press(store, env, sesi, "j", JENIS[Jenis.TAMBAH])
    assert picker.pemilih is not None
    assert [o.kode for o in picker.pemilih.tampil] == ["KOMINFO"]
    found = await _type(store, env, "diskom")
    assert found is not None and found.pemilih is not None and found.pemilih.jumlah == 1
    nothing = await _type(store, env, "tidak ada")
    assert nothing is not None and nothing.pemilih is not None and nothing.pemilih.tampil == ()
    # an OPD already assigned cannot be added
    refused = await _press(store, env, sesi, "o", pemda.dinkes)
    assert refused.jawaban == Teks("tombol.tidak_sah")
    await _press(store, env, sesi, "o", pemda.kominfo)
    await _type(store, env, "KOMINFO menyiapkan publikasi")
    saved = await _press(store, env, sesi, "s", 0)
    perubahan = saved.tersimpan
    assert perubahan is not None and perubahan.baru is not None
    assert [m.member.nama for m in perubahan.baru.khalayak.members if m.member] == ["Kominfo"]
    assert perubahan.baru.khalayak.rakor is None  # the Rakor group gets the short note
    assert [o.kode for o in perubahan.baru.opds] == ["DINKES", "BAPPEDA", "KOMINFO"]
    assert "anggota:" + str(pemda.made) in _slots(perubahan.tetap)
    tugas = (await _tugas(store, pemda))[pemda.kominfo]
    assert (tugas.kedudukan, tugas.status, tugas.urutan) == ("pendukung", "baru", 2)
    async with store.unit() as uow:
        counted = {a.kode: a.terbuka for a in await numbers(uow, env, None)}
    assert counted == {"DINKES": 1, "BAPPEDA": 1, "KOMINFO": 1}


async def _sent_directive(store: Store, arahan_id: int, penugasan_id: int | None, chat: int) -> int:
    """A directive message the sender delivered, with report buttons (and one that stays)."""
    keyboard = [
        [{"text": "👍 Terima", "callback_data": f"pg:t:{penugasan_id}:x"}],
        [{"text": "📎 Bukti", "callback_data": "bk:1:x"}],
    ]
    async with store.unit() as uow:
        row = OutboxMessage(
            key=f"arahan:7:{chat}",
            method="sendMessage",
            chat_id=chat,
            payload={"chat_id": chat, "text": "x", "reply_markup": {"inline_keyboard": keyboard}},
            state=OutboxState.TERKIRIM,
            attempts=1,
            not_before=store.now,
            created_at=store.now,
            message_id=500 + chat % 100,
            arahan_id=arahan_id,
            penugasan_id=penugasan_id,
        )
        uow.session.add(row)
        await uow.session.flush()
        await uow.commit()
        return row.id


async def test_removing_an_opd_withdraws_its_penugasan_and_keeps_its_reports(
    store: Store,
) -> None:
    pemda = await seed(store)
    env = env_of(store)
    async with store.unit() as uow:
        uow.session.add(
            Laporan(
                penugasan_id=pemda.tugas_bappeda,
                member_id=pemda.made,
                status_from="baru",
                status_to="dalam_proses",
                progress=30,
                source="balasan",
                created_at=store.now,
            )
        )
        await uow.commit()
    made_message = await _sent_directive(store, pemda.arahan, pemda.tugas_bappeda, 2101)
    await _sent_directive(store, pemda.arahan, pemda.tugas_dinkes, 2001)
    saved = await _change(store, env, Jenis.HAPUS, pemda.bappeda, "cukup DINKES")
    perubahan = saved.tersimpan
    assert perubahan is not None
    assert _slots(perubahan.dicabut) == {f"anggota:{pemda.made}"}
    assert f"anggota:{pemda.made}" not in _slots(perubahan.tetap)
    assert [(p.outbox_id, p.message_id) for p in perubahan.tombol_usang] == [(made_message, 501)]
    assert perubahan.tombol_usang[0].sisa == [[{"text": "📎 Bukti", "callback_data": "bk:1:x"}]]
    tugas = (await _tugas(store, pemda))[pemda.bappeda]
    assert tugas.status == "dicabut"
    assert len(await store.rows(Laporan, Laporan.penugasan_id == tugas.id)) == 1
    async with store.unit() as uow:
        counted = {a.kode: a.terbuka for a in await numbers(uow, env, None)}
    assert counted == {"DINKES": 1, "BAPPEDA": 0, "KOMINFO": 0}
    # nothing left to remove; added again, it starts anew
    sesi = await _start(store)
    none_left = await _press(store, env, sesi, "j", JENIS[Jenis.HAPUS])
    assert none_left.jawaban == Teks("ubah.tanpa_pendukung")
    await _change(store, env, Jenis.TAMBAH, pemda.bappeda, "BAPPEDA tetap diperlukan")
    again = (await _tugas(store, pemda))[pemda.bappeda]
    assert (again.id, again.status, again.kedudukan) == (tugas.id, "baru", "pendukung")


async def test_changing_the_lead(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    picker = await _press(store, env, sesi, "j", JENIS[Jenis.PJ])
    assert picker.pemilih is not None
    assert [o.kode for o in picker.pemilih.tampil] == ["BAPPEDA", "KOMINFO"]
    assert picker.pemilih.pj is not None and picker.pemilih.pj.id == pemda.dinkes
    await _press(store, env, sesi, "o", pemda.bappeda)
    await _type(store, env, "BAPPEDA memimpin")
    saved = await _press(store, env, sesi, "s", 0)
    assert saved.tersimpan is not None
    assert [o.kode for o in saved.tersimpan.sesudah.opds] == ["BAPPEDA", "DINKES"]
    tugas = await _tugas(store, pemda)
    assert (tugas[pemda.bappeda].kedudukan, tugas[pemda.bappeda].urutan) == (
        "penanggung_jawab",
        0,
    )
    assert (tugas[pemda.dinkes].kedudukan, tugas[pemda.dinkes].urutan) == ("pendukung", 1)
    # a new OPD as the lead: assigned, the former lead supports
    await _change(store, env, Jenis.PJ, pemda.kominfo, "KOMINFO memimpin")
    tugas = await _tugas(store, pemda)
    assert tugas[pemda.kominfo].kedudukan == "penanggung_jawab"
    assert sorted(t.kedudukan for t in tugas.values()) == [
        "penanggung_jawab",
        "pendukung",
        "pendukung",
    ]


@pytest.mark.parametrize(
    ("nomor", "caller", "error", "key"),
    [
        ("", ADMIN_CHAT, InputTidakValid, "ubah.format"),
        ("99", ADMIN_CHAT, InputTidakValid, "arahan.nomor_tidak_ada"),
        ("No.x", ADMIN_CHAT, InputTidakValid, "arahan.nomor_tidak_ada"),
        (
            "7",
            Caller(1001, "Rina", None, RAKOR_GROUP, "supergroup"),
            InputTidakValid,
            "hanya_pribadi",
        ),
    ],
)
async def test_start_refusals(
    store: Store, nomor: str, caller: Caller, error: type[DomainError], key: str
) -> None:
    await seed(store)
    with pytest.raises(error) as refused:
        await _start(store, nomor, caller)
    assert isinstance(refused.value.pesan, Teks) and refused.value.pesan.key == key
    assert await store.rows(Draft) == []


async def test_a_cancelled_directive_is_not_changed(store: Store) -> None:
    await seed(store)
    sesi = await _start(store)
    async with store.unit() as uow:
        await cancel(uow, ADMIN, BatalkanArahan("7", "sudah ditangani provinsi"))
        await uow.commit()
    with pytest.raises(InputTidakValid):
        await _start(store)
    # a session opened before cannot go on either
    with pytest.raises(InputTidakValid):
        await _press(store, env_of(store), sesi, "j", 0)


async def test_typed_refusals_and_foreign_sessions(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    # nothing awaited yet: the text is for others
    assert await _type(store, env, "halo") is None
    await _press(store, env, sesi, "j", JENIS[Jenis.TEKS])
    with pytest.raises(InputTidakValid):
        await _type(store, env, "x" * 3000)
    await _type(store, env, "Teks baru")
    with pytest.raises(InputTidakValid) as no_reason:
        await _type(store, env, "   ")
    assert isinstance(no_reason.value.pesan, Teks)
    assert no_reason.value.pesan.key == "ubah.perlu_alasan"
    # another admin cannot press this admin's session
    with pytest.raises(Ditolak):
        await _press(store, env, sesi, "s", 0, caller=OTHER_ADMIN)
    await _type(store, env, "alasan")
    await _press(store, env, sesi, "s", 0)
    with pytest.raises(InputTidakValid) as done:
        await _press(store, env, sesi, "s", 0)
    assert isinstance(done.value.pesan, Teks) and done.value.pesan.key == "ubah.sudah_selesai"
    assert [v.versi for v in await store.rows(ArahanVersi)] == [1, 2]


async def test_batal_changes_nothing(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    await _press(store, env, sesi, "j", JENIS[Jenis.HAPUS])
    await _press(store, env, sesi, "o", pemda.bappeda)
    await _type(store, env, "tidak jadi")
    ended = await _press(store, env, sesi, "b", 0)
    assert ended.dibatalkan
    assert (await store.rows(Draft))[0].state == DraftState.BATAL
    assert (await _tugas(store, pemda))[pemda.bappeda].status == "baru"
    assert await store.rows(ArahanVersi) == []
    assert await _type(store, env, "halo") is None


async def test_messages_lose_their_buttons_when_cancelled_or_closed(store: Store) -> None:
    pemda = await seed(store)
    first = await _sent_directive(store, pemda.arahan, pemda.tugas_dinkes, 2001)
    rakor = await _sent_directive(store, pemda.arahan, None, RAKOR_GROUP)
    async with store.unit() as uow:
        assert not await tombol.closed(uow, pemda.arahan)
        assert await tombol.retire_if_closed(uow, pemda.arahan) == 0
        for tugas in (
            await uow.session.get(Penugasan, pemda.tugas_dinkes),
            await uow.session.get(Penugasan, pemda.tugas_bappeda),
        ):
            assert tugas is not None
            tugas.status = "terverifikasi"
        await uow.session.flush()
        assert await tombol.closed(uow, pemda.arahan)
        assert await tombol.retire_if_closed(uow, pemda.arahan) == 2
        # once per message
        assert await tombol.retire_if_closed(uow, pemda.arahan) == 0
        await uow.commit()
    edits = await store.rows(OutboxMessage, OutboxMessage.method == "editMessageReplyMarkup")
    assert sorted(e.key for e in edits) == sorted(
        [f"tombol-usang:{first}", f"tombol-usang:{rakor}"]
    )
    assert edits[0].payload["reply_markup"] == {
        "inline_keyboard": [[{"text": "📎 Bukti", "callback_data": "bk:1:x"}]]
    }


async def test_cancel_names_the_messages_with_buttons(store: Store) -> None:
    pemda = await seed(store)
    sent = await _sent_directive(store, pemda.arahan, pemda.tugas_bappeda, 2101)
    async with store.unit() as uow:
        hasil = await cancel(uow, ADMIN, BatalkanArahan("7", "ditangani provinsi"))
        assert [p.outbox_id for p in hasil.tombol_usang] == [sent]
        assert hasil.arahan.status == ArahanState.DIBATALKAN


async def test_an_opd_chosen_before_another_change_is_checked_again(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store)
    sesi = await _start(store)
    await _press(store, env, sesi, "j", JENIS[Jenis.TAMBAH])
    await _press(store, env, sesi, "o", pemda.kominfo)
    await _type(store, env, "KOMINFO membantu")
    # meanwhile the same OPD is added through another session
    await _change(store, env, Jenis.TAMBAH, pemda.kominfo, "lebih dulu")
    with pytest.raises(InputTidakValid):
        await _press(store, env, sesi, "s", 0)
    assert len(await _tugas(store, pemda)) == 3
    assert [v.versi for v in await store.rows(ArahanVersi)] == [1, 2]
