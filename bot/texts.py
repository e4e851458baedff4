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
    "tidak_terjangkau.arahan": (
        " Arahan No. {nomor} belum sampai kepadanya.",
        " Directive No. {nomor} has not reached them.",
    ),
    # Terima and other penugasan buttons
    "terima.dicatat": (
        "👍 Dicatat: {opd} <b>menerima</b> arahan No. {nomor} ({nama}, {waktu}).",
        "👍 Recorded: {opd} <b>accepted</b> directive No. {nomor} ({nama}, {waktu}).",
    ),
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
    "tombol.segera": (
        "Fitur ini belum tersedia. Untuk sementara, balas pesan arahan dengan laporan Anda.",
        "Not available yet. For now, reply to the directive message with your report.",
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
    "panduan.ketik_tanggal": ("Ketik tanggal…", "Type a date…"),
    "panduan.teks": (
        "Langkah 3/4: balas pesan ini dengan <b>teks arahan</b> (maksimal {maks} karakter).",
        "Step 3/4: reply to this message with the <b>directive text</b> (at most {maks} "
        "characters).",
    ),
    "panduan.ketik_teks": ("Teks arahan…", "Directive text…"),
    "panduan.prioritas": ("Langkah 4/4: <b>prioritas</b>.", "Step 4/4: <b>priority</b>."),
    "panduan.hari": ("{n} hari", "{n} days"),
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
