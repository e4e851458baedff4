"""The words officials mix into a report from their own languages and from English (issue 9,
point 2): one small lexicon per language, each word mapped to the one Indonesian word the reader
knows (``durung`` → ``belum``, ``parantos`` → ``sudah``, ``salasai`` → ``selesai``).

Each lexicon holds, where the language has them: words for *done* (``sampun``, ``atos``,
``alah``, ``nungnga``, ``lheuh``), *not yet* (``durung``, ``acan``, ``alun``, ``dope``,
``golom``, ``balum``), *still / in progress* (``isih``, ``nuju``, ``sadang``, ``teungoh``),
*all* (``kabeh``, ``sadayana``, ``sadonyo``, ``sude``, ``galo``), *work* (``digarap``,
``dikarajoan``, ``digawi``), a wait, an obstacle or a shortage (``ngenteni``, ``hese``,
``kahalangan``), *acknowledged* (``inggih``, ``muhun``, ``iye``), negations (``ora``, ``teu``,
``indak``, ``dang``, ``kada``, ``hana``, ``sonde``) and times (``sesuk``, ``enjing``, ``bisuak``:
tomorrow). A word that is also an Indonesian word with another meaning is left out of the
lexicons and read only in its context (:data:`SEBELUM`, :data:`SESUDAH`): Manado ``so``, Kupang
``su`` and Acehnese ``ka`` are "already" only before a done word or a verb (``so klar``, ``ka
lheuh``), Ambonese ``seng`` is "not" only before a verb (``seng bisa karja``, but ``atap
seng``), Javanese ``mari`` and Bugis ``pura`` are "done" only after "already" or "not yet"
(``durung mari``, ``de'pa napura``; but ``mari kita``, ``pura desa``). Two words that mean one
thing together are :data:`FRASA` (Madurese ``ghi' ta'``: not yet; ``next week``).

The reader (:mod:`bot.domain.reply_parser`) merges the lexicons into its table of variants
(``SINGKATAN``); apostrophes are dropped before the lookup (``de'pa`` is ``depa``). Plain data:
importing this module compiles nothing.
"""

from __future__ import annotations

from typing import Final

__all__ = ["BAHASA", "DAERAH", "FRASA", "INGGRIS", "SEBELUM", "SESUDAH", "URAI", "gabung"]

MINANG: Final[dict[str, str]] = {
    "alah": "sudah", "alun": "belum", "salasai": "selesai",
    "sadonyo": "semua", "kasadonyo": "semua", "sagalo": "semua", "sadang": "sedang",
    "dikarajoan": "dikerjakan", "dikarajokan": "dikerjakan", "karajo": "kerja",
    "bakarajo": "bekerja", "mangarajoan": "mengerjakan", "indak": "tidak", "ado": "ada",
    "nan": "yang", "lai": "lagi", "tingga": "tinggal", "baliak": "kembali",
    "sabalunnyo": "sebelumnya", "progresnyo": "progres", "satangah": "setengah",
    "bisuak": "besok", "pitih": "dana", "talambek": "terlambat", "tahambek": "terhambat",
    "manunggu": "menunggu", "batunggu": "menunggu", "ampia": "hampir", "hampia": "hampir",
    "kandala": "kendala", "tibo": "datang", "diterimo": "diterima", "saketek": "sedikit",
    "biso": "bisa", "rampuang": "rampung", "saparo": "separo",
    "karano": "karena", "taruih": "terus", "sabagian": "sebagian", "sisonyo": "sisanya",
    "muko": "depan", "sapatangah": "setengah", "tahanti": "terhenti", "tahenti": "terhenti",
    "masuak": "masuk",
    "tarimo": "terima", "ditarimo": "diterima", "manarimo": "menerima", "surek": "surat",
    "suraik": "surat", "suraiknyo": "suratnya", "ambo": "saya",
    # numbers
    "tigo": "tiga", "ampek": "empat", "limo": "lima", "anam": "enam", "tujuah": "tujuh",
    "sambilan": "sembilan", "puluah": "puluh", "duo": "dua", "sapuluah": "sepuluh",
    "saratuih": "100",
}  # fmt: skip
"""Minangkabau (West Sumatra): ``alah salasai sadonyo`` (all done), ``alun salasai`` (not yet)."""

JAWA: Final[dict[str, str]] = {
    "sampun": "sudah", "wes": "sudah", "wis": "sudah", "uwis": "sudah", "uwes": "sudah",
    "durung": "belum", "dereng": "belum",
    "isih": "masih", "isik": "masih", "taksih": "masih", "tasih": "masih", "sek": "masih",
    "mlebu": "masuk", "dalan": "jalan", "ing": "di",
    "kabeh": "semua", "sedaya": "semua", "sedoyo": "semua", "sadaya": "semua",
    "digarap": "dikerjakan", "garap": "kerjakan", "nggarap": "mengerjakan",
    "dikerjakke": "dikerjakan", "ngerjakke": "mengerjakan", "didamel": "dikerjakan",
    "lakoni": "kerjakan", "dilakoni": "dikerjakan", "laksanakaken": "laksanakan",
    "dilaksanakaken": "dilaksanakan", "dilaksanakake": "dilaksanakan",
    "kerjakaken": "kerjakan", "iso": "bisa", "saged": "bisa", "ora": "tidak",
    "mboten": "tidak", "boten": "tidak", "ingkang": "yang", "ingkan": "yang",
    "tampi": "diterima", "ditampi": "diterima",
    "nembe": "baru", "lagek": "sedang", "kendalane": "kendala", "alangan": "halangan",
    "ngentosi": "menunggu", "ngantosi": "menunggu", "ngenteni": "menunggu",
    "nengga": "menunggu", "kulo": "saya", "kula": "saya", "sendika": "siap",
    "sendiko": "siap", "inggih": "siap", "enggih": "siap", "nggih": "siap", "sesuk": "besok",
    "mbenjing": "besok", "benjing": "besok", "ngarep": "depan", "wingi": "kemarin",
    "saiki": "sekarang", "sakniki": "sekarang", "saniki": "sekarang", "mengko": "nanti",
    "mangke": "nanti", "engko": "nanti", "wonten": "ada", "udan": "hujan",
    "mandheg": "macet", "sithik": "sedikit", "sekedhik": "sedikit", "kari": "tinggal",
    "dilanjut": "dilanjutkan", "dilanjutke": "dilanjutkan", "diterusne": "diteruskan",
    "nyuwun": "mohon", "pangapunten": "maaf", "ngapunten": "maaf", "sowan": "lapor",
    "dhuwit": "dana", "duwit": "dana", "ragad": "biaya", "kangelan": "kesulitan",
    "badhe": "akan", "bakal": "akan", "enggal": "segera", "wiwiti": "mulai",
    "diwiwiti": "dimulai", "amargi": "karena", "mergo": "karena", "saking": "dari",
    "ono": "ada", "onok": "ada", "kawontenaken": "dilaksanakan", "alate": "alat",
    "kirang": "kurang", "kejaba": "kecuali", "kajaba": "kecuali", "didandani": "diperbaiki",
    "dandani": "perbaiki", "sik": "dulu", "kudu": "harus", "kalaksanan": "terlaksana",
    "rampungke": "selesaikan", "dirampungke": "diselesaikan", "dirampungaken": "diselesaikan",
    "kayane": "sepertinya", "koyone": "sepertinya", "koyoke": "sepertinya", "jarene": "katanya",
    # numbers
    "siji": "satu", "loro": "dua", "telu": "tiga", "telung": "tiga", "papat": "empat",
    "patang": "empat", "enem": "enam", "pitu": "tujuh", "pitung": "tujuh", "wolu": "delapan",
    "wolung": "delapan", "songo": "sembilan", "sangang": "sembilan", "seket": "50",
    "sewidak": "60", "selawe": "25",
}  # fmt: skip
"""Javanese (ngoko and krama): ``sampun rampung sedaya``, ``durung mari``, ``isih digarap``."""

SUNDA: Final[dict[str, str]] = {
    "atos": "sudah", "parantos": "sudah", "tos": "sudah", "entos": "sudah",
    "rengse": "selesai", "réngsé": "selesai", "rengsé": "selesai", "réngse": "selesai",
    "acan": "belum", "tacan": "belum", "teu": "tidak", "henteu": "tidak", "hente": "tidak",
    "sadayana": "semua", "nuju": "sedang", "dikerjakeun": "dikerjakan",
    "digarap": "dikerjakan", "nungguan": "menunggu", "ngantosan": "menunggu",
    "diantos": "menunggu", "tiasa": "bisa", "bade": "akan", "enjing": "besok",
    "énjing": "besok", "kamari": "kemarin", "ayeuna": "sekarang", "kénéh": "masih",
    "keneh": "masih", "kantun": "tinggal", "sesa": "sisa", "hese": "sulit", "sesah": "sulit",
    "aya": "ada", "kakara": "baru", "padamelan": "pekerjaan", "muhun": "siap",
    "lumangsung": "berlangsung", "sakedik": "sedikit", "artos": "dana",
    "dimimitian": "dimulai", "dilaksanakeun": "dilaksanakan", "kalaksanakeun": "terlaksana",
    "kacamatan": "kecamatan", "deui": "lagi", "hapunten": "maaf", "heula": "dulu",
    "dikoordinasikeun": "dikoordinasikan", "poto": "foto", "dikintun": "dikirim",
    "dibebaskeun": "dibebaskan", "iwal": "kecuali", "ti": "dari",
    "kendalana": "kendala", "encan": "belum", "keur": "sedang",
    "satengah": "setengah", "satengahna": "setengah",
    "sigana": "sepertinya", "engke": "nanti", "engké": "nanti",
    # numbers
    "hiji": "satu", "tilu": "tiga", "opat": "empat", "genep": "enam", "dalapan": "delapan",
}  # fmt: skip
"""Sundanese (West Java): ``tos réngsé sadayana``, ``teu acan`` (not yet), ``nuju dikerjakeun``."""

BATAK: Final[dict[str, str]] = {
    "nunga": "sudah", "nungnga": "sudah", "madung": "sudah", "domma": "sudah",
    "enggo": "sudah", "sae": "selesai", "dang": "tidak", "ndang": "tidak",
    "inda": "tidak", "dope": "masih", "lape": "belum", "langa": "belum", "ulaon": "pekerjaan",
    "sude": "semua", "kerina": "semua", "adong": "ada", "karejo": "pekerjaan",
    "diulahon": "dikerjakan", "ulahon": "kerjakan", "ikerjaken": "dikerjakan",
    "hepeng": "dana", "olo": "siap", "hami": "kami", "naeng": "akan",
    "mauliate": "terimakasih",
    "jalo": "terima", "hujalo": "terima", "dijalo": "diterima", "manjalo": "menerima", "hu": "saya",
    "hatop": "segera", "na": "yang",
}  # fmt: skip
"""Batak (Toba, Mandailing, Simalungun, Karo): ``nungnga sae sude`` (all done), ``dang dope``
(not yet), ``enggo`` (already, Karo), ``langa`` (not yet, Karo)."""

BUGIS_MAKASSAR: Final[dict[str, str]] = {
    "purami": "sudah", "purani": "sudah", "puraki": "sudah", "puradi": "sudah",
    "purai": "sudah", "napura": "selesai", "depa": "belum", "tenapa": "belum",
    "tena": "tidak", "lebbami": "sudah",
    "lebami": "sudah", "lekbami": "sudah", "lebaki": "sudah", "lebakmi": "sudah",
    "lebbakmi": "sudah", "lekbakmi": "sudah", "lebak": "selesai", "lebbak": "selesai",
    "lekbak": "selesai", "nalebak": "selesai", "nalekbak": "selesai", "nalebba": "selesai",
    "naleba": "selesai", "ngaseng": "semua", "manengni": "semuanya", "maneng": "semua",
    "engkapa": "sisa", "sallang": "nanti", "iye": "siap", "iyye": "siap", "samina": "siap",
    "samikna": "siap", "athana": "siap", "atokna": "siap", "dijama": "dikerjakan",
    "jamaang": "pekerjaan", "jama": "kerja", "nakkulle": "bisa", "akkulle": "bisa",
    "kulle": "bisa", "doe": "dana", "doena": "dana", "lettu": "datang", "engka": "ada",
    "dena": "tidak", "sikamma": "semua", "manengngi": "semuanya", "manengi": "semuanya",
}  # fmt: skip
"""Bugis and Makassar (South Sulawesi): ``pura maneng`` / ``le'ba'mi ngaseng`` (all done),
``de'pa napura`` / ``tenapa nale'ba'`` (not yet), ``purani`` / ``le'ba'mi`` (already: the bot
asks what), ``engkapa`` (still some left)."""

BANJAR: Final[dict[str, str]] = {
    "hudah": "sudah", "balum": "belum", "baluman": "belum", "kada": "tidak", "kawa": "bisa",
    "digawi": "dikerjakan", "bagawi": "bekerja", "gawian": "pekerjaan",
    "tuntung": "selesai", "sabarataan": "semua", "barataan": "semua", "samunyaan": "semua",
    "ulun": "saya", "laporakan": "laporkan", "handak": "akan",
    "isuk": "besok", "wayahini": "sekarang", "tatinggal": "tertinggal", "nang": "yang",
    "kahalangan": "terhalang", "duit": "dana", "banyu": "air", "sapalih": "sebagian",
}  # fmt: skip
"""Banjar (South Kalimantan): ``sudah tuntung sabarataan``, ``balum`` (not yet), ``kada kawa``
(cannot)."""

BALI: Final[dict[str, str]] = {
    "sampun": "sudah", "durung": "belum", "konden": "belum", "puput": "selesai",
    "kapuput": "selesai", "suud": "selesai", "enu": "masih", "tusing": "tidak",
    "nenten": "tidak", "jani": "sekarang", "buin": "lagi",
    "megae": "bekerja", "wenten": "ada", "titiang": "saya", "ampura": "maaf",
    "kelaksanayang": "dilaksanakan", "sidung": "selesai", "ngantiang": "menunggu",
    "jagi": "akan", "laksanayang": "laksanakan", "nyidang": "bisa", "kakirim": "dikirim",
    "lanturang": "dilanjutkan", "uli": "dari", "suba": "sudah", "tonden": "belum",
    "abedik": "sedikit", "pipis": "dana",
    "katerima": "diterima", "prasida": "bisa", "ngelaksanayang": "melaksanakan",
    "nglaksanayang": "melaksanakan",
}  # fmt: skip
"""Balinese: ``sampun puput sami`` (all done), ``durung`` / ``konden puput`` (not yet),
``enu`` (still)."""

ACEH: Final[dict[str, str]] = {
    "lheuh": "selesai", "seuleusoe": "selesai", "golom": "belum", "goh": "belum",
    "bandum": "semua", "mandum": "semua", "hana": "tidak", "jeut": "bisa",
    "teungoh": "sedang", "geupeugot": "dikerjakan", "dipeugot": "dikerjakan",
    "peugot": "kerjakan", "mantong": "masih", "singoh": "besok", "jinoe": "sekarang",
    "meuah": "maaf", "boi": "bisa", "peng": "dana", "geujak": "berjalan",
    "preh": "menunggu",
    "teurimong": "terima", "geuteurimong": "diterima", "lon": "saya", "kamoe": "kami",
    "geujok": "diberikan", "teutop": "tertutup", "u": "ke", "geumulai": "dimulai",
}  # fmt: skip
"""Acehnese: ``ka lheuh bandum`` (all done), ``golom`` / ``goh lom`` (not yet), ``hana jeut``
(cannot), ``teungoh`` (in the middle of)."""

MELAYU: Final[dict[str, str]] = {
    "semue": "semua", "kerje": "kerja", "dikerje": "dikerjakan", "cume": "cuma", "nak": "mau",
    "ade": "ada", "kamek": "kami", "gik": "lagi", "agik": "lagi", "sikit": "sedikit",
    "esok": "besok", "lame": "lama", "settle": "selesai", "settled": "selesai",
    "lom": "lagi", "idak": "tidak", "galo": "semua",
    "galonyo": "semuanya", "kagek": "nanti", "dikerja": "dikerjakan", "rosak": "rusak",
    "dikerjoke": "dikerjakan", "kerjekan": "kerjakan", "dikerjekan": "dikerjakan",
    "dipigawe": "dikerjakan", "masok": "masuk", "mule": "mulai", "duit": "dana",
    "hantar": "kirim", "dihantar": "dikirim", "menghantar": "mengirim",
}  # fmt: skip
"""Malay of Riau, Jambi, Palembang and West Kalimantan: ``dah siap semue``, ``belom gik`` (not
yet), ``lah beres galo`` (Palembang: all done), ``kagek`` (later)."""

TIMUR: Final[dict[str, str]] = {
    "klar": "kelar", "kalar": "kelar", "samua": "semua", "torang": "kami",
    "kitorang": "kami", "katong": "kami", "beta": "saya", "bekeng": "dikerjakan",
    "babekeng": "dikerjakan", "beking": "dikerjakan", "karja": "kerja", "bakarja": "bekerja",
    "dikarja": "dikerjakan", "blum": "belum", "balom": "belum", "balong": "belum",
    "bolom": "belum", "nyanda": "tidak", "nda": "tidak", "sonde": "tidak", "tra": "tidak",
    "tarus": "terus", "dapa": "dapat", "mo": "akan",
    "oto": "mobil", "bapa": "pak", "usi": "bu",
    "kase": "kasih", "pi": "pergi",
}  # fmt: skip
"""Manado, Ambon, Kupang and Papua Malay: ``so klar samua`` (all done), ``balong`` (not yet),
``sonde`` / ``seng`` / ``tra`` (not), ``torang`` / ``katong`` (we)."""

MADURA_SASAK: Final[dict[str, str]] = {
    "ampon": "sudah", "mare": "selesai", "sadhaja": "semua", "sadaja": "semua",
    "ghi": "masih", "ejalanagi": "dijalankan", "elakoni": "dikerjakan",
    "bhuru": "baru", "sateya": "sekarang", "lagghu": "besok", "enja": "tidak", "ta": "tidak",
    "pesse": "dana", "kabbhi": "semua", "kabbi": "semua",
    "ndekman": "belum", "ndek": "tidak", "maseh": "masih", "tepegawean": "dikerjakan",
    "pegawean": "pekerjaan", "selapuq": "semua", "selapuk": "semua",
    "enggi": "siap", "engghi": "siap", "tegawean": "dikerjakan", "tegawe": "dikerjakan",
    "kepeng": "dana",
}  # fmt: skip
"""Madurese (``ampon mare sadhaja``: all done; ``ghi' ta' mare``: not yet) and Sasak of Lombok
(``ndekman tuntas``: not yet; ``maseh tepegawean``: still being done)."""

INGGRIS: Final[dict[str, str]] = {
    "already": "sudah", "still": "masih", "not": "belum", "yet": "belum", "all": "semua",
    "everything": "semua", "almost": "hampir", "nearly": "hampir", "will": "akan",
    "waiting": "menunggu", "wait": "menunggu", "awaiting": "menunggu",
    "approval": "persetujuan", "approved": "disetujui", "pending": "tertunda",
    "hold": "ditunda", "delay": "tertunda", "delayed": "tertunda", "late": "terlambat",
    "blocked": "terhambat", "block": "terhambat", "stuck": "macet", "done": "selesai",
    "finish": "selesai", "finished": "selesai", "complete": "selesai",
    "completed": "selesai", "accomplished": "selesai", "finalized": "final",
    "finalised": "final", "submitted": "dikirim", "sent": "dikirim",
    "uploaded": "diunggah", "next": "selanjutnya", "stop": "berhenti", "meeting": "rapat",
    "issue": "masalah", "issues": "masalah", "problems": "masalah",
    "constraint": "kendala", "constraints": "kendala", "obstacle": "kendala",
    "obstacles": "kendala", "shortage": "kekurangan", "lack": "kekurangan",
    "partially": "sebagian", "partly": "sebagian", "fully": "sepenuhnya",
    "completely": "sepenuhnya", "wip": "sedang", "underway": "berjalan",
    "progressing": "berjalan", "postponed": "ditunda",
    "cancelled": "dibatalkan", "canceled": "dibatalkan", "ready": "siap",
    "started": "dimulai", "start": "mulai", "starting": "mulai", "drafting": "penyusunan",
    "handover": "diserahterimakan", "stockout": "habis", "acknowledged": "diterima",
    "received": "diterima", "understood": "dimengerti", "tomorrow": "besok",
    "yesterday": "kemarin", "soon": "segera", "asap": "segera", "remaining": "sisa",
    "except": "kecuali", "but": "tapi", "only": "hanya", "budget": "anggaran",
    "fund": "dana", "funds": "dana", "funding": "dana", "rain": "hujan", "weather": "cuaca",
    "resolved": "teratasi", "solved": "teratasi", "fixed": "diperbaiki",
    "installed": "dipasang", "distributed": "disalurkan", "verified": "diverifikasi",
    "checked": "dicek", "attached": "terlampir", "halfway": "separuh", "half": "setengah",
    "behind": "terlambat", "need": "perlu", "needs": "perlu", "require": "perlu",
    "requires": "perlu", "support": "dukungan", "help": "bantuan", "additional": "tambahan",
    "pls": "mohon", "please": "mohon", "schedule": "jadwal", "monday": "senin",
    "tuesday": "selasa", "wednesday": "rabu", "thursday": "kamis", "friday": "jumat",
    "saturday": "sabtu",
    "of": "dari",
    "mostly": "sebagian", "largely": "sebagian", "maybe": "mungkin", "probably": "mungkin",
    "perhaps": "mungkin", "seems": "sepertinya", "basically": "praktis",
    "handle": "tangani", "handled": "ditangani", "launch": "luncurkan",
    "launched": "diluncurkan", "forward": "teruskan", "forwarded": "diteruskan",
    "reviewed": "direviu", "reviewing": "mereviu", "submit": "kirim", "fix": "final",
}  # fmt: skip
"""English words officials mix in (``done``, ``pending``, ``on progress``, ``waiting
approval``, ``acknowledged``)."""

BAHASA: Final[dict[str, dict[str, str]]] = {
    "minang": MINANG, "jawa": JAWA, "sunda": SUNDA, "batak": BATAK,
    "bugis_makassar": BUGIS_MAKASSAR, "banjar": BANJAR, "bali": BALI, "aceh": ACEH,
    "melayu": MELAYU, "timur": TIMUR, "madura_sasak": MADURA_SASAK,
}  # fmt: skip
"""The regional lexicons by language."""

SEBELUM: Final[dict[str, tuple[str, str]]] = {
    "so": ("sudah", "luas"), "su": ("sudah", "luas"), "ka": ("sudah", "lampau"),
    "uah": ("sudah", "selesai"), "dem": ("sudah", "selesai"), "pura": ("selesai", "utuh"),
    "seng": ("tidak", "kerja"), "lah": ("sudah", "lah"),
}  # fmt: skip
"""Words read as the given word only before a word of the named class (see
:data:`bot.domain.reply_parser.KELAS_BERIKUT`): Manado ``so`` and Kupang ``su`` (already) before
a done word or a verb, Acehnese ``ka`` (already) before a done word or a passive verb
(``ka lheuh``, ``ka teurimong``, ``ka geujok``), Sasak ``uah``, Palembang ``dem`` (already) and
Sundanese ``can`` (not yet) before a done word, Bugis ``pura`` (finished) before "all",
Ambonese ``seng`` (not) before a verb of work or being able, Minang ``lah`` (already) before a
done word or a verb (``lah salasai``; but the particle ``makasih pak lah``). Elsewhere they stay
what they are (``atap seng``, ``so far``, Minang ``ka`` = "to")."""

SESUDAH: Final[dict[str, str]] = {"mari": "selesai", "pura": "selesai"}
"""Words read as the given word only right after "already", "not yet", "not" or "still":
Javanese ``wis mari`` / ``durung mari`` (done / not yet done; but ``mari kita``), Bugis ``de'pa
pura`` (but ``pura desa``)."""

FRASA: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("ghi", "ta"): ("belum",), ("gi", "ta"): ("belum",), ("goh", "lom"): ("belum",),
    ("not", "yet"): ("belum",), ("next", "week"): ("minggu", "depan"),
    ("next", "month"): ("bulan", "depan"), ("this", "week"): ("minggu", "ini"),
    ("on", "hold"): ("ditunda",), ("on", "going"): ("sedang",),
    ("no", "issue"): ("nihil", "kendala"), ("no", "issues"): ("nihil", "kendala"),
    ("no", "remaining"): ("nihil",), ("dang", "dope"): ("belum",),
    ("ndang", "dope"): ("belum",), ("ora", "ana"): ("tidak", "ada"),
    ("ora", "ono"): ("tidak", "ada"), ("dak", "katek"): ("tidak", "ada"),
    ("sak", "niki"): ("sekarang",), ("sak", "iki"): ("sekarang",),
    ("no", "budget"): ("tidak", "ada", "anggaran"), ("no", "funds"): ("tidak", "ada", "dana"),
    ("nothing", "left"): ("tidak", "ada", "sisa"),
    ("blum", "abis"): ("belum", "selesai"), ("belum", "abis"): ("belum", "selesai"),
    ("balom", "abis"): ("belum", "selesai"), ("teurimong", "geunaseh"): ("terimakasih",),
    ("under", "review"): ("masih", "direviu"), ("under", "process"): ("masih", "diproses"),
    ("under", "construction"): ("masih", "dikerjakan"), ("in", "progress"): ("sedang",),
    ("will", "do"): ("siap", "laksanakan"), ("ie", "raya"): ("banjir",),
    ("gi", "tak"): ("belum",), ("ghi", "tak"): ("belum",), ("ndek", "man"): ("belum",),
    ("ndeq", "man"): ("belum",), ("on", "it"): ("siap", "laksanakan"),
    ("on", "process"): ("sedang",), ("tampi", "asih"): ("terimakasih",),
    ("tak", "de"): ("tidak", "ada"), ("tindak", "lanjuti"): ("tindaklanjuti",),
    ("ditindak", "lanjuti"): ("ditindaklanjuti",),
    # Javanese ``ra`` (not) only before a verb: alone it is also an acronym (RA, a madrasah)
    **{
        ("ra", kata): ("tidak", arti)
        for kata, arti in (
            ("iso", "bisa"), ("isa", "bisa"), ("ono", "ada"), ("ana", "ada"),
            ("cukup", "cukup"), ("mlaku", "jalan"), ("teko", "datang"), ("tekan", "sampai"),
            ("gelem", "mau"), ("oleh", "boleh"), ("mlebu", "masuk"), ("rampung", "selesai"),
        )
    },
    **{
        (sudah, semua): ("sudah", "selesai", "semua")
        for sudah in (
            "purami", "purani", "lebbami", "lebami", "lekbami", "lebakmi", "lebbakmi", "lekbakmi",
        )
        for semua in ("maneng", "manengni", "ngaseng", "sikamma")
    },
}  # fmt: skip
"""Two words (lowercase, apostrophes dropped) that are one thing together: Madurese ``ghi'
ta'`` and Acehnese ``goh lom`` (not yet), ``next week``, ``on hold``."""


URAI: Final[dict[str, tuple[str, ...]]] = {
    "trada": ("tidak", "ada"), "tarada": ("tidak", "ada"), "kadada": ("tidak", "ada"),
    "degaga": ("tidak", "ada"), "taena": ("tidak", "ada"), "katek": ("tidak", "ada"),
    "ndada": ("tidak", "ada"), "dégaga": ("tidak", "ada"), "dègaga": ("tidak", "ada"),
}  # fmt: skip
"""One word that is two (lowercase, apostrophes dropped): "there is no" in Papua (``trada``),
Banjar (``kadada``), Bugis (``de'gaga``), Makassar (``taena``), Palembang (``katek``) and Batak
(``ndada``): ``trada kendala`` is ``tidak ada kendala``, ``alat berat trada`` a shortage."""


def gabung(*kamus: dict[str, str]) -> dict[str, str]:
    """The lexicons merged; a word two of them map to different words is an error (the reader
    must not depend on the order the languages are listed in)."""
    hasil: dict[str, str] = {}
    for satu in kamus:
        for kata, arti in satu.items():
            if hasil.get(kata, arti) != arti:
                raise ValueError(f"{kata!r}: {hasil[kata]!r} or {arti!r}")
            hasil[kata] = arti
    return hasil


DAERAH: Final[dict[str, str]] = gabung(*BAHASA.values())
"""Every regional word, merged (:func:`gabung`)."""
