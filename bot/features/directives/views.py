"""How writing and publishing directives read in Telegram: previews, the guided flow's
picker and questions, and the published directives' messages.

Only views are built here (text and buttons); the handlers queue them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from bot.domain.arahan_rows import MAX_TEKS, PRIORITAS
from bot.domain.dates import tanda_libur
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.directives.drafts import Pratinjau
from bot.features.directives.guided import QUICK_DAYS, Panduan, PemilihOpd, Pertanyaan
from bot.features.directives.message import directive_text, mention_list, report_buttons
from bot.features.directives.publishing import ArahanTerbit, Terbit
from bot.messaging.audience import Recipient
from bot.messaging.outbox import Keyboard, View, button
from bot.messaging.paging import pack_lines
from storage.models import Member, Rakor
from storage.states import Awaited

MAX_NAMES = 20
MAX_NAME = 40  # characters of an OPD's name on a picker button


def preview(env: Env, pratinjau: Pratinjau) -> list[View]:
    """The preview of a draft, in as many messages as it needs; Terbitkan / Batal sit on the
    last one."""
    parts = [
        env.texts.count(
            "pratinjau.judul",
            len(pratinjau.butir),
            jumlah=len(pratinjau.butir),
            rakor=escape(pratinjau.rakor) if pratinjau.rakor is not None else "-",
        )
    ]
    for number, butir in enumerate(pratinjau.butir, start=1):
        names = [escape(kode) for kode in butir.kode_opd]
        grup = (
            env.texts.count("pratinjau.penerima_grup", butir.grup, jumlah=butir.grup)
            if butir.grup
            else ""
        )
        pendukung = (
            env.texts("pratinjau.pendukung", daftar=", ".join(names[1:])) if len(names) > 1 else ""
        )
        parts.append(
            env.texts(
                "pratinjau.butir",
                urut=number,
                teks=escape(butir.teks),
                pj=names[0] if names else "-",
                pendukung=pendukung,
                tenggat=env.format_date(butir.tenggat),
                prioritas=env.texts(f"prioritas.{butir.prioritas}"),
                penerima=env.texts.count(
                    "pratinjau.penerima", butir.orang, orang=butir.orang, grup=grup
                ),
            )
            + day_off_note(env, butir.tenggat, "\n   ")
        )
    if pratinjau.tanpa_anggota:
        parts.append(
            env.texts("pratinjau.tanpa_anggota", daftar=", ".join(pratinjau.tanpa_anggota))
        )
    keyboard = [
        [
            button(
                env.texts("tombol.terbitkan"),
                env.signer.make(ButtonKind.DRAF, "pub", pratinjau.draft_id),
            ),
            button(
                env.texts("tombol.batal"),
                env.signer.make(ButtonKind.DRAF, "del", pratinjau.draft_id),
            ),
        ]
    ]
    pages = pack_lines(parts)
    return [View(page) for page in pages[:-1]] + [View(pages[-1], keyboard)]


def day_off_note(env: Env, tenggat: date, before: str) -> str:
    """``before`` and the warning for a deadline on a weekend day or holiday (``⚠️ 25 Des 2026
    adalah hari libur (Hari Raya Natal).``); empty on a working day. Flagged, never refused."""
    tanda = tanda_libur(tenggat, env.kalender)
    return before + env.texts.render(tanda) if tanda is not None else ""


def cancelled(env: Env) -> View:
    """What a preview becomes after **Batal**: nothing was sent."""
    return View(env.texts("draf.dibatalkan"))


def send_file(env: Env, kind: Awaited) -> View:
    """The answer to `/opd_impor` or `/arahan_impor` without a file: which file to send."""
    key = "opd.kirim_berkas" if kind is Awaited.OPD_IMPOR else "arahan.kirim_berkas"
    return View(env.texts(key))


def _label(name: str) -> str:
    """An OPD's name short enough for a button on a phone."""
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


def opd_picker(env: Env, pemilih: PemilihOpd) -> View:
    """Step 1 of the guided flow: the Rakor, the OPDs picked so far with their names (the
    lead first, ⭐), the filter typed, and a page of OPD buttons with code and name (⭐ on
    the lead, ✅ on the others picked), page turns, Lanjut and Batal."""
    chosen = ", ".join(escape(o.kode) for o in pemilih.terpilih)
    lines = [env.texts("panduan.pilih_opd", terpilih=chosen or env.texts("panduan.belum_ada"))]
    for number, o in enumerate(pemilih.terpilih):
        key = "panduan.terpilih_pj" if number == 0 else "panduan.terpilih_pendukung"
        lines.append(env.texts(key, kode=escape(o.kode), nama=escape(o.nama)))
    if pemilih.rakor is not None:
        lines.append(
            env.texts(
                "panduan.rakor",
                judul=escape(pemilih.rakor.judul),
                tanggal=env.format_date(pemilih.rakor.tanggal),
            )
        )
    if pemilih.cari:
        lines.append(
            env.texts.count(
                "panduan.saringan", pemilih.cocok, cari=escape(pemilih.cari), jumlah=pemilih.cocok
            )
        )
    if pemilih.jumlah_halaman > 1:
        lines.append(
            env.texts("panduan.halaman", ke=pemilih.halaman + 1, dari=pemilih.jumlah_halaman)
        )
    sign = env.signer.make
    draft_id = pemilih.draft_id
    lead = pemilih.terpilih[0].id if pemilih.terpilih else None
    picked = {o.id for o in pemilih.terpilih}
    rows: Keyboard = []
    for o in pemilih.tampil:
        mark = "⭐ " if o.id == lead else "✅ " if o.id in picked else ""
        label = env.texts("panduan.tombol_opd", kode=o.kode, nama=_label(o.nama))
        rows.append([button(mark + label, sign(ButtonKind.PANDUAN, "o", draft_id, o.id))])
    page = pemilih.halaman
    nav = []
    if page > 0:
        nav.append(
            button(
                env.texts("panduan.sebelumnya"), sign(ButtonKind.PANDUAN, "h", draft_id, page - 1)
            )
        )
    if pemilih.cari:
        nav.append(
            button(env.texts("panduan.semua_opd"), sign(ButtonKind.PANDUAN, "f", draft_id, 0))
        )
    if page < pemilih.jumlah_halaman - 1:
        nav.append(
            button(
                env.texts("panduan.berikutnya"), sign(ButtonKind.PANDUAN, "h", draft_id, page + 1)
            )
        )
    if nav:
        rows.append(nav)
    rows.append(
        [
            button(env.texts("panduan.lanjut"), sign(ButtonKind.PANDUAN, "n", draft_id, 0)),
            button(env.texts("tombol.batal"), sign(ButtonKind.DRAF, "del", draft_id)),
        ]
    )
    return View("\n".join(lines), rows)


def question(env: Env, draft_id: int, pertanyaan: Pertanyaan) -> View:
    """The guided flow's next question: a deadline (quick picks or a typed date), the text
    (typed as a reply) or the priority."""
    sign = env.signer.make
    if pertanyaan is Pertanyaan.TENGGAT:
        days = [
            button(env.texts("panduan.hari", n=d), sign(ButtonKind.PANDUAN, "t", draft_id, d))
            for d in QUICK_DAYS
        ]
        return View(env.texts("panduan.tenggat"), [days])
    if pertanyaan is Pertanyaan.TEKS:
        return View(env.texts("panduan.teks", maks=MAX_TEKS))
    levels = [
        button(env.texts(f"prioritas.{p}").capitalize(), sign(ButtonKind.PANDUAN, "p", draft_id, i))
        for i, p in enumerate(PRIORITAS)
    ]
    return View(env.texts("panduan.prioritas"), [levels])


def step_picker(env: Env, panduan: Panduan) -> View | None:
    """The OPD picker as a step of the guided flow left it (to update in place), without its
    buttons once the flow has moved on to a question; None when the step did not touch it."""
    if panduan.pemilih is None:
        return None
    picker = opd_picker(env, panduan.pemilih)
    return picker if panduan.pertanyaan is None else View(picker.text)


def typed_placeholder(env: Env, pertanyaan: Pertanyaan) -> str | None:
    """The hint in the input field when ``pertanyaan`` is asked as a forced reply (the
    directive's text is typed as a reply to its question); None for the other questions."""
    return env.texts("panduan.ketik_teks") if pertanyaan is Pertanyaan.TEKS else None


def press_answer(env: Env, panduan: Panduan) -> str:
    """What a press in the guided flow is answered with: nothing when it moved the flow on."""
    return env.texts.render(panduan.jawaban) if panduan.jawaban is not None else ""


def directive_messages(
    env: Env, rakor: Rakor | None, item: ArahanTerbit
) -> list[tuple[Recipient, View]]:
    """One published directive as each of its readers gets it: each member privately with
    report buttons for their OPD's penugasan, each OPD group with that OPD's members
    mentioned, and the Rakor group with the heads mentioned and buttons for the directive as
    a whole."""
    arahan, opds, khalayak = item.arahan, item.opds, item.khalayak
    messages: list[tuple[Recipient, View]] = []
    for person in khalayak.members:
        assert person.penugasan_id is not None
        view = View(
            directive_text(env, arahan, rakor, opds),
            report_buttons(env, ButtonKind.PENUGASAN, person.penugasan_id),
        )
        messages.append((person, view))
    for group in khalayak.groups:
        assert group.penugasan_id is not None
        own = [m.member for m in khalayak.members if m.penugasan_id == group.penugasan_id]
        extra = mention_list(env, [m for m in own if m is not None])
        view = View(
            directive_text(env, arahan, rakor, opds, extra),
            report_buttons(env, ButtonKind.PENUGASAN, group.penugasan_id),
        )
        messages.append((group, view))
    if khalayak.rakor is not None:
        view = View(
            directive_text(env, arahan, rakor, opds, mention_list(env, item.kepala)),
            report_buttons(env, ButtonKind.ARAHAN, arahan.id),
        )
        messages.append((khalayak.rakor, view))
    return messages


def _headline(env: Env, terbit: Terbit) -> str:
    return env.texts(
        "draf.terbit",
        nomor=", ".join(str(n) for n in terbit.nomor),
        pribadi=terbit.pribadi,
        grup=terbit.grup,
    )


def _names(members: Sequence[Member]) -> list[str]:
    """Escaped names, at most twenty, then how many more."""
    names = [escape(m.nama) for m in members]
    more = len(names) - MAX_NAMES
    return names[:MAX_NAMES] + ([f"+{more}"] if more > 0 else [])


def published(env: Env, terbit: Terbit) -> View:
    """What the preview becomes after **Terbitkan**: the numbers, how many messages were
    queued, and who could not be reached privately before."""
    summary = _headline(env, terbit)
    if terbit.belum_terhubung:
        summary += "\n" + env.texts(
            "draf.belum_terhubung", daftar=", ".join(_names(terbit.belum_terhubung))
        )
    return View(summary)


def published_answer(env: Env, terbit: Terbit) -> str:
    """The answer to the **Terbitkan** press: the headline's first line, without markup."""
    return _headline(env, terbit).split("\n")[0].replace("<b>", "").replace("</b>", "")
