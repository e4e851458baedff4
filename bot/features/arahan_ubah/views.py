"""How `/arahan_ubah` reads in Telegram: the menu, the priority buttons, the OPD picker, the
questions, the preview, the admin's answer, and the notices to those the change concerns.

Only views are built here (text and buttons); the handler queues them."""

from __future__ import annotations

from html import escape

from bot.domain.arahan_rows import MAX_TEKS, PRIORITAS
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.arahan_ubah.service import (
    JENIS,
    Jenis,
    Perubahan,
    Pratinjau,
    Sesi,
    Susunan,
)
from bot.features.directives import views as directive_views
from bot.features.directives.admin import MAX_REASON
from bot.messaging.audience import Recipient
from bot.messaging.outbox import Keyboard, View, button
from bot.messaging.paging import pack_lines
from storage.models import Opd

PER_ROW = 1  # an OPD per row: its code and name readable on a phone


def _names(opds: tuple[Opd, ...]) -> list[str]:
    return [f"{escape(o.kode)} ({escape(o.nama)})" for o in opds]


def susunan(env: Env, s: Susunan) -> str:
    """A version of the directive: its text, lead and supporting OPDs, priority."""
    names = _names(s.opds)
    pendukung = env.texts("ubah.pendukung", daftar=", ".join(names[1:])) if len(names) > 1 else ""
    return env.texts(
        "ubah.susunan",
        teks=escape(s.teks),
        pj=names[0] if names else "-",
        pendukung=pendukung,
        prioritas=env.texts(f"prioritas.{s.prioritas}"),
    )


def _jenis(env: Env, jenis: Jenis) -> str:
    return env.texts(f"ubah.jenis.{jenis.value}")


def _cancel(env: Env, draft_id: int) -> list[dict[str, str]]:
    return [button(env.texts("tombol.batal"), env.signer.make(ButtonKind.UBAH, "b", draft_id, 0))]


def menu(env: Env, sesi: Sesi) -> View:
    """The directive as it is now, and what may be changed."""
    assert sesi.menu is not None
    sign = env.signer.make
    rows: Keyboard = [
        [
            button(_jenis(env, j), sign(ButtonKind.UBAH, "j", sesi.draft_id, i))
            for i, j in enumerate(JENIS)
            if j in pair
        ]
        for pair in ((Jenis.TEKS, Jenis.PRIORITAS), (Jenis.TAMBAH,), (Jenis.HAPUS,), (Jenis.PJ,))
    ]
    rows.append(_cancel(env, sesi.draft_id))
    return View(
        env.texts("ubah.menu", nomor=sesi.nomor, susunan=susunan(env, sesi.menu)),
        rows,
    )


def priority(env: Env, sesi: Sesi) -> View:
    """The priority buttons (the current one marked)."""
    assert sesi.prioritas is not None
    sign = env.signer.make
    levels = [
        button(
            ("✅ " if p == sesi.prioritas else "") + env.texts(f"prioritas.{p}").capitalize(),
            sign(ButtonKind.UBAH, "p", sesi.draft_id, i),
        )
        for i, p in enumerate(PRIORITAS)
    ]
    current = env.texts(f"prioritas.{sesi.prioritas}")
    return View(
        env.texts("ubah.tanya_prioritas", nomor=sesi.nomor, prioritas=current),
        [levels, _cancel(env, sesi.draft_id)],
    )


def picker(env: Env, sesi: Sesi) -> View:
    """The OPDs to choose from, a page at a time, with their names; the lead named."""
    pemilih = sesi.pemilih
    assert pemilih is not None
    sign = env.signer.make
    draft_id = sesi.draft_id
    pj = escape(pemilih.pj.kode) if pemilih.pj is not None else "-"
    lines = [env.texts(f"ubah.pilih.{pemilih.jenis.value}", nomor=sesi.nomor, pj=pj)]
    if pemilih.cari:
        lines.append(env.texts("ubah.cari_hasil", cari=escape(pemilih.cari), jumlah=pemilih.jumlah))
    if not pemilih.tampil:
        lines.append(env.texts("ubah.tidak_ada_opd"))
    if pemilih.jenis is not Jenis.HAPUS:
        lines.append(env.texts("ubah.cari_petunjuk"))
    if pemilih.jumlah_halaman > 1:
        lines.append(env.texts("ubah.halaman", ke=pemilih.halaman + 1, dari=pemilih.jumlah_halaman))
    shown = [
        button(f"{o.kode} · {o.nama}"[:60], sign(ButtonKind.UBAH, "o", draft_id, o.id))
        for o in pemilih.tampil
    ]
    rows: Keyboard = [shown[i : i + PER_ROW] for i in range(0, len(shown), PER_ROW)]
    nav = []
    page = pemilih.halaman
    if page > 0:
        nav.append(
            button(env.texts("panduan.sebelumnya"), sign(ButtonKind.UBAH, "h", draft_id, page - 1))
        )
    if page < pemilih.jumlah_halaman - 1:
        nav.append(
            button(env.texts("panduan.berikutnya"), sign(ButtonKind.UBAH, "h", draft_id, page + 1))
        )
    if nav:
        rows.append(nav)
    rows.append(_cancel(env, draft_id))
    return View("\n".join(lines), rows)


def chosen(env: Env, sesi: Sesi) -> View:
    """What the message of a step becomes once the step is answered: what was chosen."""
    assert sesi.jenis is not None
    value = f": {escape(sesi.pilihan)}" if sesi.pilihan and sesi.jenis is not Jenis.TEKS else ""
    if sesi.jenis is Jenis.PRIORITAS and sesi.pilihan:
        value = ": " + env.texts(f"prioritas.{sesi.pilihan}")
    return View(
        env.texts("ubah.dipilih", nomor=sesi.nomor, jenis=_jenis(env, sesi.jenis), nilai=value)
    )


def question(env: Env, sesi: Sesi) -> tuple[View, str]:
    """The question typed as a reply (the new text, or the reason) and its placeholder."""
    if sesi.tanya is Jenis.TEKS:
        return (
            View(env.texts("ubah.tanya_teks", nomor=sesi.nomor, maks=MAX_TEKS)),
            env.texts("ubah.ketik_teks"),
        )
    return (
        View(env.texts("ubah.tanya_alasan", nomor=sesi.nomor, maks=MAX_REASON)),
        env.texts("ubah.ketik_alasan"),
    )


def _effects(env: Env, p: Pratinjau) -> list[str]:
    before = {o.id for o in p.sebelum.opds}
    after = {o.id for o in p.sesudah.opds}
    added = [escape(o.kode) for o in p.sesudah.opds if o.id not in before]
    removed = [escape(o.kode) for o in p.sebelum.opds if o.id not in after]
    kept = [escape(o.kode) for o in p.sesudah.opds if o.id in before]
    lines = []
    if kept:
        lines.append(env.texts("ubah.dampak_tetap", daftar=", ".join(kept)))
    if added:
        lines.append(env.texts("ubah.dampak_tambah", opd=", ".join(added)))
    if removed:
        lines.append(env.texts("ubah.dampak_hapus", opd=", ".join(removed)))
    return lines


def preview(env: Env, sesi: Sesi) -> list[View]:
    """Before → after, the reason and who will be told, in as many messages as it needs (two
    long texts side by side may not fit in one); Simpan / Batal sit on the last one."""
    p = sesi.pratinjau
    assert p is not None
    text = env.texts(
        "ubah.pratinjau",
        nomor=sesi.nomor,
        jenis=_jenis(env, p.jenis),
        sebelum=susunan(env, p.sebelum),
        sesudah=susunan(env, p.sesudah),
        alasan=escape(p.alasan),
        dampak="\n".join(_effects(env, p)),
    )
    sign = env.signer.make
    keyboard = [
        [
            button(env.texts("tombol.simpan"), sign(ButtonKind.UBAH, "s", sesi.draft_id, 0)),
            button(env.texts("tombol.batal"), sign(ButtonKind.UBAH, "b", sesi.draft_id, 0)),
        ]
    ]
    pages = pack_lines(text.split("\n"))
    return [View(page) for page in pages[:-1]] + [View(pages[-1], keyboard)]


def cancelled(env: Env) -> View:
    """What the session's message becomes after Batal."""
    return View(env.texts("ubah.dibatalkan"))


def saved(env: Env, perubahan: Perubahan) -> View:
    """The admin's answer after Simpan: the version, and how many messages announce it."""
    count = perubahan.jumlah_pesan
    return View(
        env.texts.count(
            "ubah.tersimpan",
            count,
            nomor=perubahan.arahan.nomor,
            versi=perubahan.versi,
            jumlah=count,
        )
    )


def press_answer(env: Env, sesi: Sesi) -> str:
    """What a press is answered with: nothing when it moved the session on."""
    return env.texts.render(sesi.jawaban) if sesi.jawaban is not None else ""


def _what(env: Env, perubahan: Perubahan) -> str:
    """What changed, in a few words."""
    before = {o.id for o in perubahan.sebelum.opds}
    after = {o.id for o in perubahan.sesudah.opds}
    added = [o for o in perubahan.sesudah.opds if o.id not in before]
    removed = [o for o in perubahan.sebelum.opds if o.id not in after]
    opd = {
        Jenis.TAMBAH: added,
        Jenis.HAPUS: removed,
        Jenis.PJ: perubahan.sesudah.opds[:1],
    }.get(perubahan.jenis, [])
    return env.texts(
        f"ubah.apa.{perubahan.jenis.value}",
        dari=env.texts(f"prioritas.{perubahan.sebelum.prioritas}"),
        ke=env.texts(f"prioritas.{perubahan.sesudah.prioritas}"),
        opd=", ".join(escape(o.kode) for o in opd) or "-",
    )


def notices(env: Env, perubahan: Perubahan) -> dict[str, list[tuple[Recipient, View]]]:
    """Who is told what, by the part of the outbox key: the kept OPDs (`tetap`) the change
    with the new text, a removed OPD (`cabut`) that it is no longer assigned, an added OPD
    (`baru`) the directive with its report buttons, the Rakor group (`rakor`) a short note."""
    arahan = perubahan.arahan
    names = _names(perubahan.sesudah.opds)
    pendukung = env.texts("ubah.pendukung", daftar=", ".join(names[1:])) if len(names) > 1 else ""
    what = _what(env, perubahan)
    changed = View(
        env.texts(
            "ubah.pengumuman",
            nomor=arahan.nomor,
            apa=what,
            teks=escape(arahan.teks),
            pj=names[0] if names else "-",
            pendukung=pendukung,
            tenggat=env.format_date(arahan.tenggat),
            alasan=escape(perubahan.alasan),
        )
    )
    before = {o.id for o in perubahan.sesudah.opds}
    removed = ", ".join(escape(o.kode) for o in perubahan.sebelum.opds if o.id not in before)
    gone = View(
        env.texts(
            "ubah.dicabut",
            nomor=arahan.nomor,
            opd=removed,
            teks=escape(arahan.teks[:300]),
            alasan=escape(perubahan.alasan),
        )
    )
    result: dict[str, list[tuple[Recipient, View]]] = {
        "tetap": [(r, changed) for r in perubahan.tetap],
        "cabut": [(r, gone) for r in perubahan.dicabut],
        "baru": (
            directive_views.directive_messages(env, perubahan.rakor, perubahan.baru)
            if perubahan.baru is not None
            else []
        ),
    }
    if perubahan.rakor_grup is not None:
        note = View(
            env.texts(
                "ubah.rakor",
                nomor=arahan.nomor,
                versi=perubahan.versi,
                apa=what,
                alasan=escape(perubahan.alasan),
            )
        )
        result["rakor"] = [(perubahan.rakor_grup, note)]
    return result
