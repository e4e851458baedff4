"""Extension requests as use cases (no Telegram): asking by command and by the prompt, who
decides, approval through the `/tenggat` function, refusal with a reason, one open request
per penugasan, and every refusal leaving the data as it was."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.perpanjangan.service import (
    AlasanDiminta,
    AlasanTolak,
    Diminta,
    Diputuskan,
    Ditanya,
    JawabanMinta,
    Langkah,
    MintaPerpanjangan,
    Putusan,
    SudahDiputuskan,
    TombolMinta,
    answer,
    ask,
    decide,
    reject,
    request,
)
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.models import Arahan, AuditLog, AwaitedInput, Member, Penugasan, Perpanjangan
from tests.services.conftest import ADMIN, Store, asisten
from tests.services.conftest import env_of as shared_env
from tests.services.test_directive_admin import DEADLINE, Pemda, member_of, seed

NEW = date(2027, 1, 15)


def env_of(store: Store, **settings: Any) -> Env:
    return shared_env(store, ADMIN_IDS=[ADMIN.telegram_id], **settings)


def caller(actor: Actor, chat_id: int | None = None) -> Caller:
    return Caller(actor.telegram_id, actor.nama, None, chat_id or actor.telegram_id, "private")


async def world(store: Store) -> tuple[Pemda, Actor, Actor]:
    """The seed (No. 7, due 31 December 2026: DINKES lead, BAPPEDA support, all cluster I),
    the admin's and two Asisten's member rows; Budi (Kepala DINKES) and Made (BAPPEDA)."""
    pemda = await seed(store)
    async with store.unit() as uow:
        for telegram_id, nama, peran, klaster in (
            (ADMIN.telegram_id, "Rina", Peran.ADMIN, None),
            (3001, "Asisten 1", Peran.ASISTEN, 1),
            (3002, "Asisten 2", Peran.ASISTEN, 2),
        ):
            uow.session.add(
                Member(
                    telegram_id=telegram_id,
                    nama=nama,
                    peran=peran,
                    klaster=klaster,
                    joined_at=store.now,
                )
            )
        await uow.commit()
    budi = member_of(pemda.dinkes)
    made = member_of(pemda.bappeda, telegram_id=2101)
    return pemda, budi, made


async def asked(store: Store, env: Env, actor: Actor, text: str = "15/01/2027 data BPS") -> Diminta:
    async with store.unit() as uow:
        diminta = await request(uow, env, actor, MintaPerpanjangan("7", text))
        await uow.commit()
    return diminta


async def refused(store: Store, work: Any) -> DomainError:
    """Run ``work(uow)`` expecting a refusal; the unit is committed anyway (as the pipeline
    does only when the refusal keeps its changes), so nothing may have been written."""
    async with store.unit() as uow:
        with pytest.raises(DomainError) as error:
            await work(uow)
        if error.value.keep_changes:
            await uow.commit()
    return error.value


async def test_a_request_is_stored_audited_and_goes_to_the_admins(store: Store) -> None:
    pemda, budi, _ = await world(store)
    env = env_of(store)
    diminta = await asked(store, env, budi)
    [row] = await store.rows(Perpanjangan)
    assert (row.penugasan_id, row.state, row.tenggat_lama, row.tenggat_baru) == (
        pemda.tugas_dinkes,
        "menunggu",
        DEADLINE,
        NEW,
    )
    assert (row.alasan, row.requested_by, row.decided_by) == ("data BPS", budi.telegram_id, None)
    assert [p.chat_id for p in diminta.pemutus] == [ADMIN.telegram_id]
    assert diminta.opd.kode == "DINKES" and diminta.pemohon == "Budi"
    [entry] = await store.rows(AuditLog)
    assert (entry.action, entry.subject) == ("perpanjangan_minta", f"arahan:{pemda.arahan}")
    assert entry.details is not None and entry.details["opd"] == "DINKES"
    assert (await store.rows(Arahan))[0].tenggat == DEADLINE


async def test_the_cluster_asisten_decides_only_where_the_pemda_allows(store: Store) -> None:
    _, budi, _ = await world(store)
    allowed = env_of(store, ASISTEN_MAY_VERIFY=True)
    diminta = await asked(store, allowed, budi)
    assert [p.chat_id for p in diminta.pemutus] == [ADMIN.telegram_id, 3001]
    putusan = Putusan(diminta.permintaan.id, True, 3002)
    # Asisten II is of another cluster; without the setting no Asisten decides
    error = await refused(store, lambda uow: decide(uow, allowed, asisten(2), putusan))
    assert isinstance(error, Ditolak)
    error = await refused(store, lambda uow: decide(uow, env_of(store), asisten(1), putusan))
    assert isinstance(error, Ditolak)
    assert (await store.rows(Perpanjangan))[0].state == "menunggu"
    async with store.unit() as uow:
        hasil = await decide(uow, allowed, asisten(1), Putusan(diminta.permintaan.id, True, 3001))
        await uow.commit()
    assert isinstance(hasil, Diputuskan) and hasil.oleh == "Asisten 1"
    assert (await store.rows(Perpanjangan))[0].decided_by == 3001


async def test_approval_moves_the_deadline_through_the_tenggat_function(store: Store) -> None:
    pemda, budi, _ = await world(store)
    env = env_of(store)
    diminta = await asked(store, env, budi)
    async with store.unit() as uow:
        hasil = await decide(uow, env, ADMIN, Putusan(diminta.permintaan.id, True, 1001))
        await uow.commit()
    assert isinstance(hasil, Diputuskan) and hasil.tenggat is not None
    assert (hasil.tenggat.dari, hasil.tenggat.ke) == (DEADLINE, NEW)
    assert "DINKES" in hasil.tenggat.alasan and "data BPS" in hasil.tenggat.alasan
    # /tenggat's audience: the members of both OPDs (the inactive one left out), the groups
    slots = [p.slot for p in hasil.tenggat.penerima]
    assert len([s for s in slots if s.startswith("anggota:")]) == 3
    assert "rakor" in slots
    assert (await store.rows(Arahan))[0].tenggat == NEW
    [row] = await store.rows(Perpanjangan)
    assert (row.state, row.decided_by, row.decided_at) == ("disetujui", 1001, store.now)
    actions = [a.action for a in await store.rows(AuditLog)]
    assert actions == ["perpanjangan_minta", "tenggat", "perpanjangan_setuju"]
    # a second press finds it decided: nothing changes
    async with store.unit() as uow:
        again = await decide(uow, env, ADMIN, Putusan(diminta.permintaan.id, False, 1001))
        await uow.commit()
    assert isinstance(again, SudahDiputuskan) and again.oleh == "Rina"
    assert not await store.rows(AwaitedInput)
    assert len(await store.rows(AuditLog)) == 3
    assert pemda


async def test_a_request_on_work_withdrawn_meanwhile_cannot_be_approved(store: Store) -> None:
    """/arahan_ubah took DINKES off the directive after it asked: Setujui moves nothing."""
    _, budi, _ = await world(store)
    env = env_of(store)
    diminta = await asked(store, env, budi)
    async with store.unit() as uow:
        tugas = await uow.session.get(Penugasan, diminta.permintaan.penugasan_id)
        assert tugas is not None
        tugas.status = "dicabut"
        await uow.commit()

    async def approve(uow: Any) -> Any:
        return await decide(uow, env, ADMIN, Putusan(diminta.permintaan.id, True, 1001))

    error = await refused(store, approve)
    assert "7" in env.texts.render(error.pesan)
    assert (await store.rows(Arahan))[0].tenggat == DEADLINE
    [row] = await store.rows(Perpanjangan)
    assert row.state == "menunggu"


async def test_refusal_asks_for_a_reason_and_tells_the_opd(store: Store) -> None:
    pemda, budi, _ = await world(store)
    env = env_of(store)
    diminta = await asked(store, env, budi)
    async with store.unit() as uow:
        hasil = await decide(uow, env, ADMIN, Putusan(diminta.permintaan.id, False, 1001))
        await uow.commit()
    assert isinstance(hasil, AlasanDiminta)
    assert (await store.rows(Perpanjangan))[0].state == "menunggu"
    empty = await refused(store, lambda uow: reject(uow, env, ADMIN, AlasanTolak("  ", 1001)))
    assert empty.pesan == Teks("perpanjangan.perlu_alasan_tolak", maks=500)
    async with store.unit() as uow:
        done = await reject(uow, env, ADMIN, AlasanTolak("anggaran   habis", 1001))
        await uow.commit()
    assert done.alasan == "anggaran habis"
    assert {p.chat_id for p in done.penerima} == {2001, 2002}  # DINKES's members
    assert all(p.penugasan_id == pemda.tugas_dinkes for p in done.penerima)
    [row] = await store.rows(Perpanjangan)
    assert (row.state, row.decision_note, row.decided_by) == ("ditolak", "anggaran habis", 1001)
    assert (await store.rows(Arahan))[0].tenggat == DEADLINE
    assert not await store.rows(AwaitedInput)


async def test_one_open_request_per_penugasan(store: Store) -> None:
    pemda, budi, made = await world(store)
    env = env_of(store)
    await asked(store, env, budi)
    sari = member_of(budi.opd_id or 0, Peran.OPERATOR, 2002)
    error = await refused(
        store, lambda uow: request(uow, env, sari, MintaPerpanjangan("7", "20/01/2027 lagi"))
    )
    assert isinstance(error, InputTidakValid)
    assert isinstance(error.pesan, Teks) and error.pesan.key == "perpanjangan.sudah_ada"
    # the button too is refused before it asks anything
    error = await refused(
        store,
        lambda uow: ask(uow, env, caller(sari), sari, TombolMinta(pemda.arahan, untuk_arahan=True)),
    )
    assert isinstance(error.pesan, Teks) and error.pesan.key == "perpanjangan.sudah_ada"
    # BAPPEDA's penugasan of the same directive is another one
    await asked(store, env, made, "20/01/2027 menunggu Sekda")
    assert len(await store.rows(Perpanjangan)) == 2


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "perpanjangan.format"),
        ("31/12/2026 sama saja", "perpanjangan.tidak_lebih_lama"),
        ("20/12/2026 lebih cepat", "perpanjangan.tidak_lebih_lama"),
        ("15/01/2027", "perpanjangan.perlu_alasan"),
        ("15/01/2027 " + "x" * 501, "perpanjangan.perlu_alasan"),
        ("besok-besok saja", "tanggal.salah"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(store: Store, text: str, key: str) -> None:
    _, budi, _ = await world(store)
    env = env_of(store)
    error = await refused(store, lambda uow: request(uow, env, budi, MintaPerpanjangan("7", text)))
    assert isinstance(error, InputTidakValid)
    assert isinstance(error.pesan, Teks) and error.pesan.key == key
    assert not await store.rows(Perpanjangan)
    assert not await store.rows(AuditLog)


async def test_a_date_in_the_past_is_refused_even_after_an_overdue_deadline(store: Store) -> None:
    _, budi, _ = await world(store)
    store.now = store.now.replace(year=2027, month=1, day=20)
    env = env_of(store)
    error = await refused(
        store, lambda uow: request(uow, env, budi, MintaPerpanjangan("7", "10/01/2027 telat"))
    )
    assert isinstance(error.pesan, Teks) and error.pesan.key == "arahan.tenggat_lewat"
    await asked(store, env, budi, "31/01/2027 telat")
    assert len(await store.rows(Perpanjangan)) == 1


async def test_other_opds_closed_and_cancelled_work_is_refused(store: Store) -> None:
    pemda, budi, _ = await world(store)
    env = env_of(store)
    kominfo = member_of(pemda.kominfo, telegram_id=2301)
    error = await refused(
        store, lambda uow: request(uow, env, kominfo, MintaPerpanjangan("7", "15/01/2027 x"))
    )
    assert isinstance(error, Ditolak)
    # a forged button: Kominfo's head names DINKES's penugasan
    forged = TombolMinta(pemda.tugas_dinkes)
    error = await refused(store, lambda uow: ask(uow, env, caller(kominfo), kominfo, forged))
    assert isinstance(error, Ditolak)
    for status, key in (
        ("selesai", "perpanjangan.sudah_selesai"),
        ("terverifikasi", "penugasan.ditutup"),
    ):
        async with store.unit() as uow:
            tugas = await uow.session.get(Penugasan, pemda.tugas_dinkes)
            assert tugas is not None
            tugas.status = status
            await uow.commit()
        error = await refused(
            store, lambda uow: request(uow, env, budi, MintaPerpanjangan("7", "15/01/2027 x"))
        )
        assert isinstance(error.pesan, Teks) and error.pesan.key == key
    assert not await store.rows(Perpanjangan)


async def test_the_prompt_takes_the_date_then_the_reason(store: Store) -> None:
    pemda, budi, _ = await world(store)
    env = env_of(store)
    where = caller(budi)
    async with store.unit() as uow:
        ditanya = await ask(uow, env, where, budi, TombolMinta(pemda.tugas_dinkes))
        await uow.commit()
    assert ditanya.langkah is Langkah.TANGGAL
    [awaited] = await store.rows(AwaitedInput)
    assert (awaited.kind, awaited.ref_id) == ("pj_tanggal", pemda.tugas_dinkes)
    # a date before the deadline: refused, the prompt still waits for the date
    error = await refused(
        store, lambda uow: answer(uow, env, where, budi, JawabanMinta("1/12/2026"))
    )
    assert isinstance(error.pesan, Teks) and error.pesan.key == "perpanjangan.tidak_lebih_lama"
    assert [a.kind for a in await store.rows(AwaitedInput)] == ["pj_tanggal"]
    async with store.unit() as uow:
        step = await answer(uow, env, where, budi, JawabanMinta("15 Jan 2027"))
        await uow.commit()
    assert isinstance(step, Ditanya) and (step.langkah, step.tanggal) == (Langkah.ALASAN, NEW)
    assert [a.kind for a in await store.rows(AwaitedInput)] == ["pj_alasan:2027-01-15"]
    async with store.unit() as uow:
        done = await answer(uow, env, where, budi, JawabanMinta("menunggu hasil survei"))
        await uow.commit()
    assert isinstance(done, Diminta) and done.permintaan.tenggat_baru == NEW
    assert done.permintaan.alasan == "menunggu hasil survei"
    assert not await store.rows(AwaitedInput)
