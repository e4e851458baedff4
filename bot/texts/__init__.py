"""Every user-visible string, in Bahasa Indonesia and English.

Each entry is ``key: (indonesian, english)``; placeholders use ``str.format`` names and their
values are already HTML-escaped by the caller. A unit test checks both languages have the
same placeholders, so a translation can never drop a value.
"""

from __future__ import annotations

from typing import Any

CATALOG: dict[str, tuple[str, str]] = {
    # general
    "ditolak": (
        "Maaf, perintah ini tidak tersedia untuk Anda. Ketik /bantuan untuk melihat yang bisa "
        "Anda lakukan.",
        "Sorry, this command is not available to you. Type /bantuan to see what you can do.",
    ),
    "galat": (
        "Maaf, terjadi kesalahan saat memproses pesan Anda. Pesan Anda tersimpan; silakan coba "
        "lagi sebentar lagi.",
        "Sorry, something went wrong while handling your message. It has been kept; please try "
        "again shortly.",
    ),
    "pukul": ("pukul", "at"),
    "lainnya": ("dan {jumlah} lainnya", "and {jumlah} more"),
    "baris_lain": (
        "… dan {jumlah} baris lain juga bermasalah.",
        "… and {jumlah} more lines with problems.",
    ),
    "perintah.tidak_dikenal": (
        "Perintah tidak dikenal. Ketik /bantuan untuk melihat perintah yang bisa Anda pakai.",
        "Unknown command. Type /bantuan to see the commands you can use.",
    ),
    "terlalu_panjang": (
        "Pesan terlalu panjang (maksimal {maks} karakter).",
        "The message is too long (at most {maks} characters).",
    ),
    # roles
    "peran.admin": ("Admin", "Admin"),
    "peran.kepala_daerah": ("Kepala Daerah", "Regional Head"),
    "peran.sekda": ("Sekda", "Regional Secretary"),
    "peran.asisten": ("Asisten", "Assistant"),
    "peran.kepala_opd": ("Kepala OPD", "Head of OPD"),
    "peran.operator": ("Operator OPD", "OPD Operator"),
    # command menu descriptions
    "cmd.start": ("Mulai / bergabung dengan kode undangan", "Start / join with an invite code"),
    "cmd.bantuan": ("Daftar perintah yang bisa Anda pakai", "The commands you can use"),
    "cmd.tugas": ("Penugasan OPD saya yang masih terbuka", "My OPD's open assignments"),
    "cmd.lapor": ("Lapor: /lapor NOMOR teks", "Report: /lapor NUMBER text"),
    "cmd.arahan_info": ("Rincian arahan: /arahan_info NOMOR", "Directive details"),
    "cmd.status": ("Ringkasan tindak lanjut", "Follow-up digest"),
    "cmd.verifikasi": ("Penyelesaian yang menunggu verifikasi", "Completions to verify"),
    "cmd.ekspor": ("Unduh rekap Excel", "Download an Excel summary"),
    "cmd.rakor": ("Buka Rakor: /rakor Judul | tanggal", "Open a meeting"),
    "cmd.arahan": ("Tulis arahan (dengan pratinjau)", "Write directives (with preview)"),
    "cmd.arahan_impor": ("Impor arahan dari CSV/XLSX", "Import directives from CSV/XLSX"),
    "cmd.tenggat": ("Ubah tenggat arahan", "Change a deadline"),
    "cmd.batal": ("Batalkan arahan", "Cancel a directive"),
    "cmd.opd": ("Daftar OPD", "List OPDs"),
    "cmd.opd_tambah": ("Tambah/ubah OPD: KODE | Nama | klaster", "Add/update an OPD"),
    "cmd.opd_impor": ("Impor OPD dari CSV", "Import OPDs from CSV"),
    "cmd.undang": ("Buat tautan undangan", "Create an invite link"),
    "cmd.anggota": ("Daftar anggota", "List members"),
    "cmd.nonaktif": ("Nonaktifkan anggota: /nonaktif USER_ID", "Deactivate a member"),
    "cmd.grup": ("Daftarkan grup ini: /grup KODE_OPD atau /grup rakor", "Register this group"),
    "cmd.ingatkan": ("Jalankan pengingat sekarang", "Run reminders now"),
    # /start and /bantuan
    "start.orang_baru": (
        "Selamat datang, {nama}.\n\nBot ini membantu Setda memantau tindak lanjut arahan "
        "pimpinan hasil Rakor. Anda belum terdaftar: mintalah tautan undangan kepada admin "
        "(Sekretariat Daerah), lalu buka tautan itu.",
        "Welcome, {nama}.\n\nThis bot helps the Regional Secretariat follow up the directives "
        "of coordination meetings. You are not registered yet: ask the admin for an invite "
        "link and open it.",
    ),
    "start.kembali": (
        "Selamat datang kembali, {nama}. Anda terdaftar sebagai <b>{peran}</b>.\n"
        "Ketik /bantuan untuk melihat perintah Anda.",
        "Welcome back, {nama}. You are registered as <b>{peran}</b>.\n"
        "Type /bantuan to see your commands.",
    ),
    "start.bergabung": (
        "Terima kasih, {nama}. Anda sekarang terdaftar sebagai <b>{peran}</b>.\n"
        "Arahan untuk Anda akan dikirim ke sini. Ketik /bantuan untuk melihat perintah Anda.",
        "Thank you, {nama}. You are now registered as <b>{peran}</b>.\n"
        "Directives for you will arrive here. Type /bantuan to see your commands.",
    ),
    "start.hanya_pribadi": (
        "Kode undangan hanya bisa dipakai di chat pribadi dengan bot.",
        "Invite codes work only in a private chat with the bot.",
    ),
    "undangan.tidak_dikenal": (
        "Kode undangan tidak dikenal. Periksa tautannya atau minta undangan baru kepada admin.",
        "Unknown invite code. Check the link or ask the admin for a new invite.",
    ),
    "undangan.sudah_dipakai": (
        "Kode undangan ini sudah dipakai. Setiap undangan hanya berlaku sekali; mintalah "
        "undangan baru kepada admin.",
        "This invite code has already been used. Ask the admin for a new one.",
    ),
    "undangan.kedaluwarsa": (
        "Kode undangan ini sudah kedaluwarsa (berlaku {hari} hari). Mintalah undangan baru "
        "kepada admin.",
        "This invite code has expired (valid for {hari} days). Ask the admin for a new one.",
    ),
    "undangan.dicabut": (
        "Undangan ini tidak berlaku lagi karena pembuatnya sudah tidak menjadi admin. Mintalah "
        "undangan baru kepada admin.",
        "This invite is no longer valid: its creator is no longer an admin. Ask for a new one.",
    ),
    "bantuan.judul": ("<b>Perintah yang bisa Anda pakai</b>", "<b>Commands you can use</b>"),
    "bantuan.orang_baru": (
        "\nAnda belum terdaftar. Buka tautan undangan dari admin untuk bergabung.",
        "\nYou are not registered. Open the invite link from the admin to join.",
    ),
    "bantuan.balas": (
        "\nUntuk melapor, balas (reply) pesan arahan dari bot, atau tekan tombolnya.",
        "\nTo report, reply to the bot's directive message, or press its buttons.",
    ),
    # /undang
    "undang.format": (
        "Format: <code>/undang PERAN [KODE_OPD|KLASTER]</code>\nContoh: <code>/undang kepala "
        "DINKES</code>, <code>/undang operator DINKES</code>, <code>/undang asisten 2</code>, "
        "<code>/undang sekda</code>, <code>/undang kepala_daerah</code>, "
        "<code>/undang admin</code>.",
        "Format: <code>/undang ROLE [OPD_CODE|CLUSTER]</code>\nExamples: <code>/undang kepala "
        "DINKES</code>, <code>/undang operator DINKES</code>, <code>/undang asisten 2</code>, "
        "<code>/undang sekda</code>, <code>/undang kepala_daerah</code>, "
        "<code>/undang admin</code>.",
    ),
    "undang.perlu_opd": (
        "Sebutkan kode OPD-nya, misalnya <code>/undang kepala DINKES</code>.",
        "Name the OPD code, e.g. <code>/undang kepala DINKES</code>.",
    ),
    "undang.perlu_klaster": (
        "Sebutkan klaster Asisten (1–9 atau I–IX), misalnya <code>/undang asisten 2</code>.",
        "Name the Assistant's cluster (1–9 or I–IX), e.g. <code>/undang asisten 2</code>.",
    ),
    "undang.dibuat": (
        "Undangan untuk <b>{peran}</b>, sekali pakai, berlaku sampai {sampai}.\n"
        "Teruskan tautan ini hanya kepada orang yang bersangkutan:\n{link}",
        "Invite for <b>{peran}</b>, single use, valid until {sampai}.\n"
        "Forward this link only to the person concerned:\n{link}",
    ),
    # /anggota, /nonaktif
    "anggota.judul": ("<b>Anggota ({jumlah})</b>", "<b>Members ({jumlah})</b>"),
    "anggota.aktif": ("aktif", "active"),
    "anggota.nonaktif": ("nonaktif", "inactive"),
    "anggota.belum_terhubung": ("belum terhubung", "not reachable"),
    "nonaktif.format": (
        "Format: <code>/nonaktif USER_ID</code> (angka ID Telegram, lihat /anggota).",
        "Format: <code>/nonaktif USER_ID</code> (the Telegram id number, see /anggota).",
    ),
    "nonaktif.tidak_boleh": (
        "Anggota ini tidak bisa dinonaktifkan (Anda sendiri, atau admin dari ADMIN_IDS).",
        "This member cannot be deactivated (yourself, or an admin from ADMIN_IDS).",
    ),
    "nonaktif.tidak_ada": ("Tidak ada anggota dengan ID {id}.", "No member with id {id}."),
    "nonaktif.sudah": ("{nama} sudah nonaktif.", "{nama} is already inactive."),
    "nonaktif.selesai": (
        "{nama} dinonaktifkan. Riwayat laporannya tetap tersimpan.",
        "{nama} is deactivated. Their report history is kept.",
    ),
    # OPD
    "opd.tidak_ada": ("OPD dengan kode <code>{kode}</code> tidak ada.", "No OPD with code {kode}."),
    "opd.format_tambah": (
        "Format: <code>/opd_tambah KODE | Nama | klaster</code>\n"
        "Contoh: <code>/opd_tambah DINKES | Dinas Kesehatan | 1</code>",
        "Format: <code>/opd_tambah CODE | Name | cluster</code>\n"
        "Example: <code>/opd_tambah DINKES | Dinas Kesehatan | 1</code>",
    ),
    "opd.baris_salah": ("Baris {baris}: {alasan}", "Line {baris}: {alasan}"),
    "opd.kode_salah": (
        "kode «{kode}» tidak sah (huruf besar, angka, garis bawah; 2–20 karakter)",
        "code «{kode}» is not valid (capitals, digits, underscore; 2–20 characters)",
    ),
    "opd.nama_salah": (
        "nama harus diisi (maksimal 200 karakter)",
        "the name is required (at most 200 characters)",
    ),
    "opd.klaster_salah": (
        "klaster «{klaster}» tidak sah (1–9 atau I–IX)",
        "cluster «{klaster}» is not valid (1–9 or I–IX)",
    ),
    "opd.kode_ganda": (
        "kode {kode} sudah muncul di baris {baris}",
        "code {kode} already appears on line {baris}",
    ),
    "opd.disimpan": (
        "OPD <b>{kode}</b> — {nama} ({klaster}) {aksi}.",
        "OPD <b>{kode}</b> — {nama} ({klaster}) {aksi}.",
    ),
    "opd.ditambahkan": ("ditambahkan", "added"),
    "opd.diperbarui": ("diperbarui", "updated"),
    "opd.tetap": ("tidak berubah", "unchanged"),
    "opd.impor_gagal": (
        "<b>Impor dibatalkan: tidak ada yang diubah.</b> Perbaiki baris berikut lalu kirim "
        "ulang berkasnya:",
        "<b>Import cancelled: nothing was changed.</b> Fix these lines and send the file again:",
    ),
    "opd.impor_berhasil": (
        "<b>Impor OPD selesai.</b> Ditambahkan: {baru}; diperbarui: {ubah}; tidak berubah: "
        "{tetap}.",
        "<b>OPD import done.</b> Added: {baru}; updated: {ubah}; unchanged: {tetap}.",
    ),
    "opd.kirim_berkas": (
        "Kirim berkas CSV (kolom <code>kode,nama,klaster</code>) sebagai pesan berikutnya, "
        "atau kirim berkasnya dengan keterangan <code>/opd_impor</code>.",
        "Send the CSV file (columns <code>kode,nama,klaster</code>) as your next message, "
        "or send it with the caption <code>/opd_impor</code>.",
    ),
    "arahan.kirim_berkas": (
        "Kirim berkas CSV atau XLSX (kolom <code>opd,tenggat,arahan,prioritas</code>) sebagai "
        "pesan berikutnya, atau kirim berkasnya dengan keterangan <code>/arahan_impor</code>.",
        "Send the CSV or XLSX file (columns <code>opd,tenggat,arahan,prioritas</code>) as your "
        "next message, or send it with the caption <code>/arahan_impor</code>.",
    ),
    "opd.daftar_judul": ("<b>Daftar OPD ({jumlah})</b>", "<b>OPDs ({jumlah})</b>"),
    "opd.kosong": (
        "Belum ada OPD. Tambahkan dengan /opd_tambah atau /opd_impor.",
        "No OPDs yet. Add them with /opd_tambah or /opd_impor.",
    ),
    "opd.tanpa_kepala": ("belum ada kepala", "no head yet"),
    "opd.grup_ada": ("grup ✔", "group ✔"),
    "opd.grup_belum": ("tanpa grup", "no group"),
    "opd.belum_start": ("belum menekan Start: {nama}", "has not pressed Start: {nama}"),
    # tables
    "tabel.tidak_terbaca": (
        "Berkas tidak bisa dibaca: simpan sebagai CSV (UTF-8) atau XLSX.",
        "The file cannot be read: save it as CSV (UTF-8) or XLSX.",
    ),
    "tabel.excel_rusak": ("Berkas Excel tidak bisa dibuka.", "The Excel file cannot be opened."),
    "tabel.terlalu_besar": ("Berkas terlalu besar (maksimal 1 MB).", "File too large (max 1 MB)."),
    "tabel.kosong": ("Berkas kosong.", "The file is empty."),
    "tabel.kolom": (
        "Baris judul harus memuat kolom: {perlu}. Tidak ditemukan: {hilang}.",
        "The header row must have the columns: {perlu}. Missing: {hilang}.",
    ),
    "tabel.terlalu_banyak": (
        "Terlalu banyak baris (maksimal {maks}).",
        "Too many rows (at most {maks}).",
    ),
    "tabel.tanpa_data": ("Berkas tidak berisi baris data.", "The file has no data rows."),
    "tabel.jenis": (
        "Kirim berkas .csv atau .xlsx.",
        "Send a .csv or .xlsx file.",
    ),
    # Rakor
    "rakor.format": (
        "Format: <code>/rakor Judul | tanggal</code>\n"
        "Contoh: <code>/rakor Rakor Evaluasi Kinerja OPD Triwulan IV | 24/11/2026</code>",
        "Format: <code>/rakor Title | date</code>",
    ),
    "rakor.dibuka": (
        "Rakor dibuka: <b>{judul}</b> ({tanggal}).\nArahan yang ditulis sekarang menjadi "
        "bagian dari Rakor ini sampai Rakor berikutnya dibuka. Tulis arahan dengan /arahan.",
        "Meeting opened: <b>{judul}</b> ({tanggal}).\nDirectives written now belong to it "
        "until the next meeting is opened. Write directives with /arahan.",
    ),
    "rakor.belum_ada": (
        "Belum ada Rakor. Buka dulu dengan <code>/rakor Judul | tanggal</code>.",
        "No meeting yet. Open one with <code>/rakor Title | date</code>.",
    ),
    # directives
    "arahan.format": (
        "Format: <code>/arahan KODE[,KODE…] | tenggat | teks arahan</code>\n"
        "Satu arahan per baris; kode pertama penanggung jawab, sisanya pendukung. "
        "Tambahkan <code>| tinggi</code> (atau sedang/rendah) untuk prioritas.\n"
        "Contoh:\n<code>/arahan DINKES,DISDIK | 31/12/2026 | Validasi data stunting per "
        "nagari</code>\nTanpa argumen, /arahan memandu langkah demi langkah.",
        "Format: <code>/arahan CODE[,CODE…] | deadline | directive text</code>\n"
        "One directive per line; the first code leads, the rest support. Add "
        "<code>| tinggi</code> (or sedang/rendah) for priority.\nWithout arguments, /arahan "
        "guides you step by step.",
    ),
    "arahan.baris_salah": ("Baris {baris}: {alasan}", "Line {baris}: {alasan}"),
    "arahan.ada_salah": (
        "<b>Belum ada yang disimpan.</b> Perbaiki baris berikut:",
        "<b>Nothing was saved.</b> Fix these lines:",
    ),
    "arahan.bagian_kurang": (
        "harus berisi KODE | tenggat | teks",
        "must be CODE | deadline | text",
    ),
    "arahan.terlalu_panjang_pesan": (
        "arahan ini akan menjadi pesan {panjang} karakter (maksimal 4096 termasuk nama OPD); "
        "persingkat teksnya atau kurangi OPD",
        "this directive would be a {panjang}-character message (at most 4096 including OPD "
        "names); shorten the text or name fewer OPDs",
    ),
    "arahan.kode_tidak_ada": ("OPD {kode} tidak ada", "OPD {kode} does not exist"),
    "arahan.kode_ganda": ("OPD {kode} disebut dua kali", "OPD {kode} is named twice"),
    "arahan.terlalu_banyak_opd": ("paling banyak {maks} OPD", "at most {maks} OPDs"),
    "arahan.tenggat_lewat": (
        "tenggat {tanggal} sudah lewat",
        "the deadline {tanggal} has passed",
    ),
    "arahan.teks_kosong": (
        "teks arahan harus diisi (maksimal {maks} karakter)",
        "the directive text is required (at most {maks} characters)",
    ),
    "arahan.prioritas_salah": (
        "prioritas «{nilai}» tidak dikenal (tinggi, sedang, rendah)",
        "unknown priority «{nilai}» (tinggi, sedang, rendah)",
    ),
    "arahan.terlalu_banyak": (
        "Terlalu banyak arahan sekaligus (maksimal {maks}).",
        "Too many directives at once (at most {maks}).",
    ),
    "prioritas.tinggi": ("tinggi", "high"),
    "prioritas.sedang": ("sedang", "medium"),
    "prioritas.rendah": ("rendah", "low"),
    "pratinjau.judul": (
        "<b>Pratinjau: {jumlah} arahan</b> — {rakor}\nBelum ada yang dikirim. Periksa, "
        "lalu tekan <b>Terbitkan</b> atau <b>Batal</b>.",
        "<b>Preview: {jumlah} directives</b> — {rakor}\nNothing has been sent yet. "
        "Check, then press <b>Terbitkan</b> (publish) or <b>Batal</b> (cancel).",
    ),
    "pratinjau.butir": (
        "\n<b>{urut}.</b> {teks}\n   Penanggung jawab: {pj}{pendukung}\n   Tenggat: {tenggat}"
        " · prioritas {prioritas}\n   Penerima: {penerima}",
        "\n<b>{urut}.</b> {teks}\n   Lead: {pj}{pendukung}\n   Deadline: {tenggat}"
        " · priority {prioritas}\n   Recipients: {penerima}",
    ),
    "pratinjau.pendukung": ("\n   Pendukung: {daftar}", "\n   Supporting: {daftar}"),
    "pratinjau.penerima": (
        "{orang} orang{grup}",
        "{orang} people{grup}",
    ),
    "pratinjau.penerima_grup": (" + {jumlah} grup", " + {jumlah} groups"),
    "pratinjau.tanpa_anggota": (
        "\n⚠️ OPD tanpa anggota terdaftar (hanya grup yang menerima): {daftar}",
        "\n⚠️ OPDs without registered members (only groups receive it): {daftar}",
    ),
    "tombol.terbitkan": ("✅ Terbitkan", "✅ Publish"),
    "tombol.batal": ("✖️ Batal", "✖️ Cancel"),
    "draf.terbit": (
        "✅ <b>Diterbitkan</b>: arahan nomor {nomor}.\nPesan: {pribadi} pribadi, {grup} grup.",
        "✅ <b>Published</b>: directives number {nomor}.\nMessages: {pribadi} private, "
        "{grup} groups.",
    ),
    "draf.dibatalkan": (
        "✖️ Pratinjau dibatalkan. Tidak ada yang dikirim.",
        "✖️ Preview cancelled. Nothing was sent.",
    ),
    "draf.sudah_terbit": ("Arahan ini sudah diterbitkan.", "Already published."),
    "draf.sudah_batal": ("Pratinjau ini sudah dibatalkan.", "This preview was cancelled."),
    "draf.bukan_milik": (
        "Pratinjau ini milik admin lain.",
        "This preview belongs to another admin.",
    ),
    "draf.tenggat_lewat": (
        "Tenggat arahan nomor urut {urut} di pratinjau ini sudah lewat. Tulis ulang arahannya "
        "dengan tenggat baru.",
        "The deadline of item {urut} of this preview has passed. Write the directive again.",
    ),
    "hanya_pribadi": (
        "Langkah ini dilakukan di chat pribadi dengan bot.",
        "Do this in a private chat with the bot.",
    ),
    "draf.kosong": (
        "Pratinjau ini belum lengkap.",
        "This preview is incomplete.",
    ),
    "draf.belum_terhubung": (
        "⚠️ Belum terhubung (belum menekan Start, pesan pribadi tidak bisa dikirim): {daftar}",
        "⚠️ Not reachable (never pressed Start, no private message possible): {daftar}",
    ),
    # the directive message
    "arahan.pesan": (
        "📌 <b>Arahan No. {nomor}</b>{prioritas}\n{teks}\n\n"
        "Penanggung jawab: {pj}{pendukung}\nTenggat: <b>{tenggat}</b>\nRakor: {rakor}",
        "📌 <b>Directive No. {nomor}</b>{prioritas}\n{teks}\n\n"
        "Lead: {pj}{pendukung}\nDeadline: <b>{tenggat}</b>\nMeeting: {rakor}",
    ),
    "arahan.prioritas_tinggi": (" · ❗ prioritas tinggi", " · ❗ high priority"),
    "arahan.pesan_pendukung": ("\nPendukung: {daftar}", "\nSupporting: {daftar}"),
    "arahan.pesan_ajakan": (
        "\n\nBalas pesan ini untuk melaporkan progres, atau tekan tombol di bawah.",
        "\n\nReply to this message to report progress, or press a button below.",
    ),
    "arahan.pesan_pejabat": ("\n\nUntuk perhatian: {daftar}", "\n\nFor the attention of: {daftar}"),
    "tombol.terima": ("👍 Terima", "👍 Accept"),
    "tombol.progres": ("📈 Progres", "📈 Progress"),
    "tombol.kendala": ("⚠️ Kendala", "⚠️ Obstacle"),
    "tombol.selesai": ("✅ Selesai", "✅ Done"),
    "tidak_terjangkau.admin": (
        "⚠️ {nama} ({peran}) belum bisa dihubungi bot secara pribadi: ia belum menekan Start "
        "atau memblokir bot.{arahan} Mintalah ia membuka https://t.me/{bot} dan menekan "
        "<b>Start</b>.",
        "⚠️ {nama} ({peran}) cannot be reached privately: they never pressed Start or blocked "
        "the bot.{arahan} Ask them to open https://t.me/{bot} and press <b>Start</b>.",
    ),
    "tidak_pasti.admin": (
        "⚠️ <b>Laporan pengiriman</b>: pesan untuk {penerima} ({waktu}) terputus setelah "
        "dikirim ke Telegram, sehingga tidak pasti sampai. Pesan itu tidak dikirim ulang agar "
        "tidak ganda; mohon pastikan kepada penerimanya.\nIsi: «{ringkas}»",
        "⚠️ <b>Delivery report</b>: the message to {penerima} ({waktu}) was cut off after it "
        "went to Telegram, so it may not have arrived. It is not re-sent, to avoid doubles; "
        "please check with the recipient.\nText: «{ringkas}»",
    ),
    "tidak_terjangkau.arahan": (
        " Arahan No. {nomor} belum sampai kepadanya.",
        " Directive No. {nomor} has not reached them.",
    ),
    # Terima and other penugasan buttons
    "terima.singkat": ("Diterima, terima kasih.", "Accepted, thank you."),
    "terima.sudah": (
        "Arahan No. {nomor} sudah tercatat {status} untuk {opd}.",
        "Directive No. {nomor} is already {status} for {opd}.",
    ),
    "penugasan.bukan_opd_anda": (
        "Maaf, Anda tidak terdaftar pada OPD yang ditugasi arahan ini.",
        "Sorry, you are not registered with an OPD assigned to this directive.",
    ),
    "penugasan.ditutup": (
        "Arahan No. {nomor} sudah {status}; laporan tidak bisa dicatat lagi.",
        "Directive No. {nomor} is {status}; no more reports can be recorded.",
    ),
    "tombol.tidak_sah": (
        "Tombol ini tidak berlaku lagi.",
        "This button is no longer valid.",
    ),
    # statuses
    "status.baru": ("baru", "new"),
    "status.diterima": ("diterima", "accepted"),
    "status.dalam_proses": ("dalam proses", "in progress"),
    "status.terkendala": ("terkendala", "blocked"),
    "status.selesai": ("selesai (menunggu verifikasi)", "done (awaiting verification)"),
    "status.terverifikasi": ("terverifikasi", "verified"),
    "status.tidak_dapat_ditindaklanjuti": (
        "tidak dapat ditindaklanjuti",
        "cannot be followed up",
    ),
    "status.dibatalkan": ("dibatalkan", "cancelled"),
    # groups
    "grup.hanya_grup": (
        "Perintah /grup dipakai di dalam grup yang ingin didaftarkan.",
        "Use /grup inside the group you want to register.",
    ),
    "grup.format": (
        "Format: <code>/grup KODE_OPD</code> atau <code>/grup rakor</code>.",
        "Format: <code>/grup OPD_CODE</code> or <code>/grup rakor</code>.",
    ),
    "grup.opd": (
        "Grup ini terdaftar sebagai grup <b>{kode}</b> — {nama}. Arahan untuk OPD ini akan "
        "diumumkan di sini.",
        "This group is registered for <b>{kode}</b> — {nama}. Directives for this OPD will be "
        "announced here.",
    ),
    "grup.rakor": (
        "Grup ini terdaftar sebagai <b>grup Rakor</b>: semua arahan akan diumumkan di sini.",
        "This group is registered as the <b>meeting group</b>: all directives will be "
        "announced here.",
    ),
    # guided /arahan
    "panduan.pilih_opd": (
        "<b>Arahan baru</b> — langkah 1/4: pilih OPD. OPD pertama yang dipilih menjadi "
        "penanggung jawab.\nTerpilih: {terpilih}",
        "<b>New directive</b> — step 1/4: pick OPDs. The first one picked leads.\n"
        "Picked: {terpilih}",
    ),
    "panduan.belum_ada": ("belum ada", "none"),
    "panduan.lanjut": ("Lanjut ➡️", "Next ➡️"),
    "panduan.sebelumnya": ("⬅️", "⬅️"),
    "panduan.berikutnya": ("➡️", "➡️"),
    "panduan.pilih_dulu": ("Pilih minimal satu OPD.", "Pick at least one OPD."),
    "panduan.tenggat": (
        "Langkah 2/4: <b>tenggat</b>. Pilih, atau balas pesan ini dengan tanggal "
        "(misalnya <code>31/12/2026</code>, <code>2 minggu</code>).",
        "Step 2/4: <b>deadline</b>. Pick one, or reply with a date "
        "(e.g. <code>31/12/2026</code>, <code>2 minggu</code>).",
    ),
    "panduan.teks": (
        "Langkah 3/4: balas pesan ini dengan <b>teks arahan</b> (maksimal {maks} karakter).",
        "Step 3/4: reply to this message with the <b>directive text</b> (at most {maks} "
        "characters).",
    ),
    "panduan.ketik_teks": ("Teks arahan…", "Directive text…"),
    "panduan.prioritas": ("Langkah 4/4: <b>prioritas</b>.", "Step 4/4: <b>priority</b>."),
    "panduan.hari": ("{n} hari", "{n} days"),
    # reporting
    "arahan.nomor_tidak_ada": (
        "Arahan nomor {nomor} tidak ditemukan.",
        "Directive number {nomor} not found.",
    ),
    "lapor.format": (
        "Format: <code>/lapor NOMOR teks</code>\nContoh: <code>/lapor 12 progres 60%, "
        "rapat koordinasi sudah dilaksanakan</code>",
        "Format: <code>/lapor NUMBER text</code>\nExample: <code>/lapor 12 progres 60%</code>",
    ),
    "lapor.sebut_nomor": (
        "Pesan ini memuat beberapa arahan: awali setiap baris dengan nomor arahannya, misalnya"
        "\n<code>12 selesai</code>\n<code>14 progres 50%</code>",
        "This message lists several directives: start each line with its number, e.g."
        "\n<code>12 selesai</code>\n<code>14 progres 50%</code>",
    ),
    "lapor.dicatat": (
        "📝 <b>Laporan dicatat</b> — Arahan No. {nomor} ({opd})",
        "📝 <b>Report recorded</b> — Directive No. {nomor} ({opd})",
    ),
    "lapor.status": ("Status: <b>{status}</b>", "Status: <b>{status}</b>"),
    "lapor.progres": ("Progres: {persen}%", "Progress: {persen}%"),
    "lapor.catatan": ("Catatan: {teks}", "Note: {teks}"),
    "lapor.kendala": ("Kendala: {teks}", "Obstacle: {teks}"),
    "lapor.bukti": ("Bukti dukung: {jumlah} berkas", "Evidence: {jumlah} file(s)"),
    "lapor.menunggu_verifikasi": (
        "Menunggu verifikasi admin.",
        "Waiting for the admin's verification.",
    ),
    "lapor.menunggu_admin": (
        "Usul <i>tidak dapat ditindaklanjuti</i> menunggu persetujuan admin.",
        "The request to close as <i>cannot be followed up</i> waits for the admin.",
    ),
    "lapor.tetap_selesai": (
        "(Sudah dilaporkan selesai; status berubah hanya lewat verifikasi.)",
        "(Already reported done; only verification changes the status now.)",
    ),
    "lapor.tidak_dapat_alasan": (
        "Sebutkan alasannya, misalnya: <i>tidak dapat ditindaklanjuti karena kewenangan "
        "provinsi</i>.",
        "Give the reason, e.g. <i>tidak dapat ditindaklanjuti karena kewenangan provinsi</i>.",
    ),
    "tombol.tarik": ("↩️ Tarik laporan (10 menit)", "↩️ Take back (10 minutes)"),
    "tarik.bukan_milik": (
        "Hanya pelapornya yang dapat menarik laporan ini.",
        "Only whoever sent this report can take it back.",
    ),
    "tarik.sudah": ("Laporan ini sudah ditarik.", "This report was already taken back."),
    "tarik.terlambat": (
        "Laporan hanya dapat ditarik dalam {menit} menit. Kirim laporan baru untuk "
        "memperbaikinya.",
        "A report can only be taken back within {menit} minutes. Send a new report instead.",
    ),
    "tarik.ada_sesudahnya": (
        "Sudah ada laporan lain sesudahnya; kirim laporan baru untuk memperbaiki.",
        "Another report came after it; send a new report instead.",
    ),
    "tarik.selesai": (
        "↩️ Laporan ditarik (tetap tercatat di riwayat). Status kembali: <b>{status}</b>, "
        "progres {persen}%.",
        "↩️ Report taken back (kept in the history). Status is again <b>{status}</b>, "
        "progress {persen}%.",
    ),
    "tarik.singkat": ("Laporan ditarik.", "Report taken back."),
    "tanya.progres": (
        "📈 Progres Arahan No. {nomor} ({opd}): balas pesan ini dengan capaian dan "
        "keterangannya, misalnya <i>60% rapat koordinasi sudah dilaksanakan</i>.",
        "📈 Progress of directive No. {nomor} ({opd}): reply to this message with the progress "
        "and a note, e.g. <i>60% coordination meeting held</i>.",
    ),
    "tanya.progres.isian": ("Contoh: 60% …", "e.g. 60% …"),
    "tanya.kendala": (
        "⚠️ Kendala Arahan No. {nomor} ({opd}): balas pesan ini dengan kendalanya dan bantuan "
        "yang dibutuhkan. Kendala diteruskan ke Asisten.",
        "⚠️ Obstacle on directive No. {nomor} ({opd}): reply to this message with the obstacle "
        "and the help needed. It is passed on to the Assistant.",
    ),
    "tanya.kendala.isian": ("Kendalanya …", "The obstacle …"),
    "tanya.selesai": (
        "✅ Selesai Arahan No. {nomor} ({opd}): balas pesan ini dengan keterangan "
        "penyelesaian; lampirkan foto atau dokumen bukti dukung bila ada.",
        "✅ Done with directive No. {nomor} ({opd}): reply to this message with a note; attach "
        "a photo or document as evidence if you have one.",
    ),
    "tanya.selesai.isian": ("Keterangan penyelesaian …", "How it was completed …"),
    "tanya.singkat": ("Silakan balas pesan dari bot.", "Please reply to the bot's message."),
    "bukti.ditambahkan": (
        "📎 Bukti dukung ditambahkan ke laporan Arahan No. {nomor} (sekarang {jumlah} berkas).",
        "📎 Evidence added to the report on directive No. {nomor} (now {jumlah} file(s)).",
    ),
    "kendala.asisten": (
        "⚠️ <b>Kendala baru</b> — {klaster}\n<b>{opd}</b> ({nama_opd}), Arahan No. {nomor}:\n"
        "{arahan}\n\nKendala: <b>{kendala}</b>\nDilaporkan oleh {pelapor}, {waktu}.",
        "⚠️ <b>New obstacle</b> — {klaster}\n<b>{opd}</b> ({nama_opd}), directive No. {nomor}:"
        "\n{arahan}\n\nObstacle: <b>{kendala}</b>\nReported by {pelapor}, {waktu}.",
    ),
    "tombol.lihat_arahan": ("🔎 Lihat arahan", "🔎 View directive"),
    "petunjuk.pelapor": (
        "Pesan Anda tersimpan, tetapi tidak terkait dengan arahan mana pun. Untuk melapor, "
        "<b>balas (reply)</b> pesan arahan dari bot, tekan tombolnya, atau ketik "
        "<code>/lapor NOMOR teks</code>. /tugas menampilkan penugasan OPD Anda.",
        "Your message is kept, but it is not about any directive. To report, <b>reply</b> to "
        "the bot's directive message, press its buttons, or type <code>/lapor NUMBER text</code>."
        " /tugas lists your OPD's assignments.",
    ),
    "petunjuk.pimpinan": (
        "Pesan Anda tersimpan. Ketik /bantuan untuk melihat perintah Anda, misalnya /status.",
        "Your message is kept. Type /bantuan to see your commands, e.g. /status.",
    ),
    "petunjuk.orang_baru": (
        "Anda belum terdaftar. Mintalah tautan undangan kepada admin (Sekretariat Daerah).",
        "You are not registered. Ask the admin for an invite link.",
    ),
    # /tugas
    "tugas.kosong": (
        "Tidak ada penugasan terbuka untuk OPD Anda. 👍",
        "No open assignments for your OPD. 👍",
    ),
    "tugas.judul": ("<b>Penugasan terbuka: {jumlah}</b>", "<b>Open assignments: {jumlah}</b>"),
    "tugas.butir": (
        "\n<b>No. {nomor}</b> · {status}{progres}\n{teks}\nTenggat: {tenggat}",
        "\n<b>No. {nomor}</b> · {status}{progres}\n{teks}\nDeadline: {tenggat}",
    ),
    "tugas.terlambat": ("{tanggal} (terlambat {hari} hari)", "{tanggal} ({hari} days late)"),
    "tugas.hari_ini": ("{tanggal} (hari ini)", "{tanggal} (today)"),
    "tugas.sisa": ("{tanggal} ({hari} hari lagi)", "{tanggal} (in {hari} days)"),
    "tugas.lainnya": (
        "\n… dan {jumlah} penugasan lain; laporkan dengan /lapor NOMOR teks.",
        "\n… and {jumlah} more; report with /lapor NUMBER text.",
    ),
    "tugas.petunjuk": (
        "\nTombol: 📈 progres · ⚠️ kendala · ✅ selesai.",
        "\nButtons: 📈 progress · ⚠️ obstacle · ✅ done.",
    ),
    # verification
    "verifikasi.kosong": (
        "Tidak ada penyelesaian yang menunggu verifikasi.",
        "Nothing is waiting for verification.",
    ),
    "verifikasi.judul": (
        "<b>Menunggu verifikasi: {jumlah}</b> (ditampilkan {tampil}, yang terlama dahulu)",
        "<b>Waiting for verification: {jumlah}</b> (showing {tampil}, oldest first)",
    ),
    "verifikasi.selesai": (
        "🔎 <b>Arahan No. {nomor}</b> — {opd} melaporkan <b>selesai</b> ({waktu})\n{teks}\n"
        "Keterangan: {catatan}\nBukti dukung: {bukti} berkas",
        "🔎 <b>Directive No. {nomor}</b> — {opd} reports <b>done</b> ({waktu})\n{teks}\n"
        "Note: {catatan}\nEvidence: {bukti} file(s)",
    ),
    "verifikasi.usul_tidak_dapat": (
        "🔎 <b>Arahan No. {nomor}</b> — {opd} mengusulkan <b>tidak dapat ditindaklanjuti</b> "
        "({waktu})\n{teks}\nAlasan: {catatan}\nBukti dukung: {bukti} berkas",
        "🔎 <b>Directive No. {nomor}</b> — {opd} asks to close it as <b>cannot be followed "
        "up</b> ({waktu})\n{teks}\nReason: {catatan}\nEvidence: {bukti} file(s)",
    ),
    "tombol.verifikasi_terima": ("✅ Terima", "✅ Accept"),
    "tombol.verifikasi_tolak": ("↩️ Tolak", "↩️ Reject"),
    "verifikasi.tidak_menunggu": (
        "Arahan No. {nomor} ({opd}) tidak sedang menunggu verifikasi.",
        "Directive No. {nomor} ({opd}) is not waiting for verification.",
    ),
    "verifikasi.minta_alasan": (
        "Balas pesan ini dengan <b>alasan penolakan</b> untuk Arahan No. {nomor} ({opd}). "
        "Alasan ini disampaikan ke OPD.",
        "Reply to this message with the <b>reason for rejecting</b> directive No. {nomor} "
        "({opd}). The OPD is told.",
    ),
    "verifikasi.tulis_alasan": ("Tuliskan alasannya.", "Write the reason."),
    "verifikasi.alasan_kosong": (
        "Alasan harus diisi (maksimal {maks} karakter).",
        "A reason is required (at most {maks} characters).",
    ),
    "verifikasi.diterima": (
        "✅ Arahan No. {nomor} ({opd}): <b>{status}</b> oleh {nama}.",
        "✅ Directive No. {nomor} ({opd}): <b>{status}</b> by {nama}.",
    ),
    "verifikasi.diterima_singkat": ("Verifikasi dicatat.", "Verification recorded."),
    "verifikasi.ditolak": (
        "↩️ Penyelesaian Arahan No. {nomor} ({opd}) <b>dikembalikan</b> oleh {nama}.\n"
        "Alasan: {alasan}\nStatus sekarang: {status}.",
        "↩️ The completion of directive No. {nomor} ({opd}) was <b>returned</b> by {nama}.\n"
        "Reason: {alasan}\nStatus now: {status}.",
    ),
    "verifikasi.penolakan_dicatat": (
        "Penolakan dicatat dan disampaikan ke {opd} (Arahan No. {nomor}).",
        "Rejection recorded and sent to {opd} (directive No. {nomor}).",
    ),
    # directive management
    "arahan_info.format": (
        "Format: <code>/arahan_info NOMOR</code>",
        "Format: <code>/arahan_info NUMBER</code>",
    ),
    "arahan_info.judul": (
        "📌 <b>Arahan No. {nomor}</b> ({status})\n{teks}\nTenggat: {tenggat}\nRakor: {rakor}",
        "📌 <b>Directive No. {nomor}</b> ({status})\n{teks}\nDeadline: {tenggat}\n"
        "Meeting: {rakor}",
    ),
    "arahan_info.terbit": ("terbit", "published"),
    "arahan_info.alasan_batal": ("Alasan pembatalan: {alasan}", "Cancelled because: {alasan}"),
    "arahan_info.penugasan": ("\n<b>Penugasan</b>", "\n<b>Assignments</b>"),
    "arahan_info.butir": (
        "• {opd} ({kedudukan}): {status}, {persen}%{usul}",
        "• {opd} ({kedudukan}): {status}, {persen}%{usul}",
    ),
    "arahan_info.usul_tidak_dapat": (
        " · usul tidak dapat ditindaklanjuti menunggu admin",
        " · request to close as cannot-follow-up waits for the admin",
    ),
    "arahan_info.riwayat": ("\n<b>Riwayat</b>", "\n<b>History</b>"),
    "kedudukan.penanggung_jawab": ("penanggung jawab", "lead"),
    "kedudukan.pendukung": ("pendukung", "supporting"),
    "riwayat.terbit": ("{waktu} · diterbitkan", "{waktu} · published"),
    "riwayat.laporan": (
        "{waktu} · {opd} · {nama} ({sumber}): {dari} → {ke}",
        "{waktu} · {opd} · {nama} ({sumber}): {dari} → {ke}",
    ),
    "riwayat.bukti": ("{jumlah} bukti", "{jumlah} evidence"),
    "riwayat.koreksi": ("koreksi", "correction"),
    "riwayat.ditarik": ("(ditarik)", "(taken back)"),
    "riwayat.kosong": ("Belum ada riwayat.", "No history yet."),
    "riwayat.tenggat": (
        "{waktu} · tenggat diubah {dari} → {ke}: {alasan}",
        "{waktu} · deadline changed {dari} → {ke}: {alasan}",
    ),
    "riwayat.batal": ("{waktu} · dibatalkan: {alasan}", "{waktu} · cancelled: {alasan}"),
    "sumber.balasan": ("balasan", "reply"),
    "sumber.tombol": ("tombol", "button"),
    "sumber.lapor": ("/lapor", "/lapor"),
    "sumber.koreksi": ("pesan diedit", "edited message"),
    "sumber.verifikasi": ("verifikasi", "verification"),
    "tenggat.libur": (" (hari libur: {nama})", " (holiday: {nama})"),
    "tenggat.akhir_pekan": (" (akhir pekan)", " (weekend)"),
    "tenggat.format": (
        "Format: <code>/tenggat NOMOR tanggal alasan</code>\nContoh: <code>/tenggat 12 "
        "15/01/2027 menunggu hasil evaluasi provinsi</code>",
        "Format: <code>/tenggat NUMBER date reason</code>",
    ),
    "tenggat.perlu_alasan": (
        "Sebutkan alasan perubahan tenggat (maksimal {maks} karakter).",
        "Give the reason for the change (at most {maks} characters).",
    ),
    "tenggat.pengumuman": (
        "🗓 <b>Tenggat Arahan No. {nomor} diubah</b>: {dari} → <b>{ke}</b>.\nAlasan: {alasan}",
        "🗓 <b>Deadline of directive No. {nomor} changed</b>: {dari} → <b>{ke}</b>.\n"
        "Reason: {alasan}",
    ),
    "tenggat.selesai": (
        "Tenggat Arahan No. {nomor} kini {ke}; diumumkan lewat {jumlah} pesan.",
        "Directive No. {nomor} is now due {ke}; announced in {jumlah} messages.",
    ),
    "batal.format": (
        "Format: <code>/batal NOMOR alasan</code> (alasan maksimal {maks} karakter).",
        "Format: <code>/batal NUMBER reason</code> (reason at most {maks} characters).",
    ),
    "batal.pengumuman": (
        "✖️ <b>Arahan No. {nomor} dibatalkan.</b>\n{teks}\nAlasan: {alasan}\n"
        "Laporan untuk arahan ini tidak diperlukan lagi.",
        "✖️ <b>Directive No. {nomor} is cancelled.</b>\n{teks}\nReason: {alasan}\n"
        "No more reports are needed for it.",
    ),
    "batal.selesai": (
        "Arahan No. {nomor} dibatalkan; diumumkan lewat {jumlah} pesan.",
        "Directive No. {nomor} cancelled; announced in {jumlah} messages.",
    ),
    # reminders and escalation
    "pengingat.mingguan": (
        "🗓 <b>Pengingat mingguan — {opd}</b>: {jumlah} penugasan terbuka\n<i>Balas pesan ini "
        "dengan nomor arahan di depan, misalnya</i> <code>12 progres 60%</code>",
        "🗓 <b>Weekly reminder — {opd}</b>: {jumlah} open assignments\n<i>Reply to this "
        "message starting with the directive number, e.g.</i> <code>12 progres 60%</code>",
    ),
    "pengingat.tenggat": (
        "⏰ <b>Pengingat tenggat — {opd}</b>: {jumlah} penugasan\n<i>Balas dengan nomor "
        "arahan di depan, misalnya</i> <code>12 selesai</code>",
        "⏰ <b>Deadline reminder — {opd}</b>: {jumlah} assignments\n<i>Reply starting with "
        "the directive number, e.g.</i> <code>12 selesai</code>",
    ),
    "pengingat.terlambat": ("⚠️ lewat tenggat", "⚠️ overdue"),
    "pengingat.hari_ini": ("⏰ tenggat hari ini", "⏰ due today"),
    "pengingat.menjelang": ("🔔 menjelang tenggat", "🔔 due soon"),
    "pengingat.ringkasan": ("🗞 <b>Ringkasan mingguan</b>", "🗞 <b>Weekly digest</b>"),
    "ingatkan.selesai": (
        "Siklus pengingat dijalankan: {jumlah} pesan baru diantrekan (yang sudah terkirim hari "
        "ini tidak dikirim ulang).",
        "Reminder cycle run: {jumlah} new messages queued (nothing already sent today is sent "
        "again).",
    ),
    "eskalasi.judul.sekda": (
        "🔺 <b>Eskalasi ke Sekda</b> ({jumlah}) — belum tertangani di tingkat OPD/Asisten:",
        "🔺 <b>Escalated to the Regional Secretary</b> ({jumlah}):",
    ),
    "eskalasi.judul.kepala_daerah": (
        "🔺 <b>Eskalasi ke Kepala Daerah</b> ({jumlah}) — belum tertangani di tingkat Sekda:",
        "🔺 <b>Escalated to the Regional Head</b> ({jumlah}):",
    ),
    "eskalasi.judul.asisten": (
        "🔕 <b>{klaster}: OPD tanpa laporan</b> ({jumlah}) — mohon ditanyakan:",
        "🔕 <b>{klaster}: OPDs without reports</b> ({jumlah}) — please follow up:",
    ),
    "eskalasi.kendala": (
        "• No. {nomor} <b>{opd}</b> — terkendala {hari} hari: «{catatan}»\n  {teks}",
        "• No. {nomor} <b>{opd}</b> — blocked for {hari} days: «{catatan}»\n  {teks}",
    ),
    "eskalasi.terlambat": (
        "• No. {nomor} <b>{opd}</b> — terlambat {hari} hari; terakhir: «{catatan}»\n  {teks}",
        "• No. {nomor} <b>{opd}</b> — {hari} days overdue; last said: «{catatan}»\n  {teks}",
    ),
    "eskalasi.diam": (
        "• No. {nomor} <b>{opd}</b> — tanpa laporan {hari} hari; terakhir: «{catatan}»\n  {teks}",
        "• No. {nomor} <b>{opd}</b> — no report for {hari} days; last said: «{catatan}»\n"
        "  {teks}",
    ),
    "eskalasi.tanpa_catatan": ("belum ada laporan", "no report yet"),
    "riwayat.eskalasi": (
        "{waktu} · {opd} · eskalasi ke {tangga} ({sebab} {hari} hari)",
        "{waktu} · {opd} · escalated to {tangga} ({sebab}, {hari} days)",
    ),
    "tangga.asisten": ("Asisten", "the Assistant"),
    "tangga.sekda": ("Sekda", "the Regional Secretary"),
    "tangga.kepala_daerah": ("Kepala Daerah", "the Regional Head"),
    "sebab.kendala": ("terkendala", "blocked"),
    "sebab.terlambat": ("terlambat", "overdue"),
    "sebab.diam": ("tanpa laporan", "no report"),
    # the digest
    "status.format": (
        "Format: <code>/status</code>, <code>/status KODE_OPD</code>, <code>/status NOMOR</code>"
        ", <code>/status klaster 2</code> atau <code>/status semua</code>.",
        "Format: <code>/status</code>, <code>/status OPD_CODE</code>, <code>/status NUMBER</code>"
        ", <code>/status klaster 2</code> or <code>/status semua</code>.",
    ),
    "status.luar_klaster": (
        "Maaf, Anda hanya dapat melihat OPD di klaster Anda.",
        "Sorry, you can only see the OPDs of your cluster.",
    ),
    "status.semua": ("Semua klaster", "All clusters"),
    "status.judul": (
        "📊 <b>Tindak lanjut arahan — {judul}</b>\nper {waktu}",
        "📊 <b>Follow-up of directives — {judul}</b>\nas of {waktu}",
    ),
    "status.total": (
        "Terbuka {buka} · terlambat {telat} · terkendala {kendala} · menunggu verifikasi "
        "{tunggu} · terverifikasi {verif}",
        "Open {buka} · overdue {telat} · blocked {kendala} · awaiting verification {tunggu} · "
        "verified {verif}",
    ),
    "status.legenda": (
        "<i>buka/telat/kendala/tunggu/verif · laporan terakhir</i>",
        "<i>open/late/blocked/waiting/verified · last report</i>",
    ),
    "status.baris": (
        "{ikon} <b>{kode}</b> {buka}/{telat}/{kendala}/{tunggu}/{verif} · {lapor}",
        "{ikon} <b>{kode}</b> {buka}/{telat}/{kendala}/{tunggu}/{verif} · {lapor}",
    ),
    "status.belum_lapor": ("belum ada laporan", "no report yet"),
    "status.hari_lalu": ("{hari} hari lalu", "{hari} days ago"),
    "status.belum_terhubung": (
        " · ⚠️ {jumlah} belum terhubung",
        " · ⚠️ {jumlah} not reachable",
    ),
    "status.masalah_judul": (
        "<b>Terlambat dan terkendala ({jumlah})</b>",
        "<b>Overdue and blocked ({jumlah})</b>",
    ),
    "status.masalah": (
        "• No. {nomor} {kode} — {keadaan}: {catatan}",
        "• No. {nomor} {kode} — {keadaan}: {catatan}",
    ),
    "status.telat_hari": ("{status}, terlambat {hari} hari", "{status}, {hari} days late"),
    "status.terbuka_judul": ("<b>Penugasan terbuka ({jumlah})</b>", "<b>Open work ({jumlah})</b>"),
    "status.terbuka_butir": (
        "• No. {nomor} — {status} {persen}% — {tenggat}\n  {catatan}",
        "• No. {nomor} — {status} {persen}% — {tenggat}\n  {catatan}",
    ),
    "status.halaman": ("Halaman {ke}/{dari}", "Page {ke}/{dari}"),
    "status.sebelumnya": ("◀️ Sebelumnya", "◀️ Previous"),
    "status.berikutnya": ("Berikutnya ▶️", "Next ▶️"),
}


class Texts:
    """The catalog in one language: ``texts("key", name=value)``."""

    def __init__(self, language: str = "id") -> None:
        self.language = language
        self._index = 1 if language == "en" else 0

    def __call__(self, key: str, **values: Any) -> str:
        """The text for ``key`` with ``values`` filled in (values must already be escaped)."""
        template = CATALOG[key][self._index]
        return template.format(**values) if values else template
