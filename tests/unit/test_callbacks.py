"""Tests for signed callback data: buttons the bot made read back; anything else reads as None."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.roles import ButtonKind
from bot.messaging.callbacks import MAX_BYTES, CallbackSigner, Tombol

SECRET = "123456789:AAE-secret-token-of-the-bot"
SIGNER = CallbackSigner(SECRET)
OTHER = CallbackSigner("987654321:AAF-another-bot")
BIG = 9_999_999_999  # ten digits: ids never get longer than this in practice

# the buttons the product makes (drafts, guided /arahan, report buttons) at their largest
REALISTIC = [
    ("dr", "pub", BIG),
    ("dr", "del", BIG),
    ("gd", "o", BIG, BIG),
    ("gd", "h", BIG, 999),
    ("gd", "n", BIG, 0),
    ("gd", "t", BIG, 60),
    ("gd", "p", BIG, 2),
    ("pg", "t", BIG),
    ("pg", "p", BIG),
    ("pg", "k", BIG),
    ("pg", "s", BIG),
    ("ar", "s", BIG),
    ("vf", "y", BIG),
    ("lp", "w", BIG),
    ("st", "k", BIG, 999, 1),
]


@pytest.mark.parametrize("parts", REALISTIC)
def test_round_trip(parts: tuple[str, *tuple[object, ...]]) -> None:
    kind, *args = parts
    data = SIGNER.make(ButtonKind(kind), *args)
    assert len(data.encode()) <= MAX_BYTES == 64
    tombol = SIGNER.read(data)
    assert tombol == Tombol(ButtonKind(kind), tuple(str(a) for a in args))
    assert data.startswith(":".join(str(p) for p in parts) + ":")


def test_int_arg() -> None:
    tombol = SIGNER.read(SIGNER.make(ButtonKind.PANDUAN, "o", 12, 345))
    assert tombol is not None
    assert (tombol.int_arg(1), tombol.int_arg(2)) == (12, 345)
    with pytest.raises(ValueError):
        tombol.int_arg(0)


def test_same_input_same_data_and_secret_matters() -> None:
    assert SIGNER.make(ButtonKind.DRAF, "pub", 7) == CallbackSigner(SECRET).make(
        ButtonKind.DRAF, "pub", 7
    )
    assert SIGNER.make(ButtonKind.DRAF, "pub", 7) != OTHER.make(ButtonKind.DRAF, "pub", 7)
    assert SIGNER.make(ButtonKind.DRAF, "pub", 7) != SIGNER.make(ButtonKind.DRAF, "pub", 8)


@pytest.mark.parametrize("parts", REALISTIC)
def test_other_secret_refused(parts: tuple[str, *tuple[object, ...]]) -> None:
    kind, *args = parts
    assert OTHER.read(SIGNER.make(ButtonKind(kind), *args)) is None
    assert SIGNER.read(OTHER.make(ButtonKind(kind), *args)) is None


def test_a_kind_the_bot_does_not_have_reads_as_none() -> None:
    """Data of an unknown kind is refused even with a valid signature (nothing handles it)."""
    body = "xx:1"
    data = f"{body}:{SIGNER._sign(body)}"
    assert SIGNER.read(data) is None


_REPLACEMENTS = string.ascii_letters + string.digits + "_-:"


@pytest.mark.parametrize("parts", [("dr", "pub", 41), ("gd", "o", 1234567890, 77)])
def test_tampering_any_character_refused(parts: tuple[str, *tuple[object, ...]]) -> None:
    kind, *args = parts
    data = SIGNER.make(ButtonKind(kind), *args)
    for i, original in enumerate(data):
        for replacement in _REPLACEMENTS:
            if replacement == original:
                continue
            forged = data[:i] + replacement + data[i + 1 :]
            assert SIGNER.read(forged) is None, forged


@pytest.mark.parametrize("parts", [("dr", "pub", 41), ("gd", "o", 1234567890, 77)])
def test_cut_or_extended_refused(parts: tuple[str, *tuple[object, ...]]) -> None:
    kind, *args = parts
    data = SIGNER.make(ButtonKind(kind), *args)
    body, _, sig = data.rpartition(":")
    forged = [data[:i] for i in range(len(data))]  # every prefix, including ""
    forged += [data[i:] for i in range(1, len(data))]  # every suffix
    forged += [
        data + "0",
        data + ":",
        data + ":" + sig,
        body + ":1:" + sig,
        body.replace("41", "42") + ":" + sig,
        data.upper(),
    ]
    for candidate in (f for f in forged if f != data):
        assert SIGNER.read(candidate) is None, candidate


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        ":",
        "::",
        "dr",
        "dr:pub:1",
        "dr:pub:1:",
        ":abcdefghij",
        "garbage",
        "dr:pub:1:AAAAAAAAAA",
        "x" * 65,
        "a:" * 40,
        "dr:pub:1:" + "A" * 60,
    ],
)
def test_malformed_refused(data: str | None) -> None:
    assert SIGNER.read(data) is None


def test_over_64_bytes_refused_even_if_signed() -> None:
    # a body whose correct signature makes the whole thing 65 bytes
    body = "gd:" + "a" * 20 + ":" + "b" * 20 + ":" + "c" * 9
    data = f"{body}:{SIGNER._sign(body)}"
    assert len(data.encode()) == MAX_BYTES + 1
    assert SIGNER.read(data) is None
    shorter = body[:-1]
    assert SIGNER.read(f"{shorter}:{SIGNER._sign(shorter)}") == Tombol(
        ButtonKind.PANDUAN, ("a" * 20, "b" * 20, "c" * 8)
    )


@pytest.mark.parametrize(
    "args",
    [
        ("Pub",),  # uppercase
        ("a:b",),  # ':' inside a part
        ("a" * 21,),  # longer than 20
        ("",),  # empty part
        (-1,),  # '-' is not allowed
        (1.5,),
        ("é",),
        ("a b",),
        (True,),  # str(True) == "True"
        (None,),
        ("b" * 20, "c" * 20, "d" * 20),  # each part fine, but over 64 bytes once signed
    ],
)
def test_make_refuses(args: tuple[object, ...]) -> None:
    with pytest.raises(ValueError):
        SIGNER.make(ButtonKind.DRAF, *args)


# --- properties ----------------------------------------------------------------------------

_part = st.from_regex(r"[a-z0-9_]{1,20}", fullmatch=True)


@given(st.sampled_from(ButtonKind), st.lists(st.one_of(_part, st.integers(0, BIG)), max_size=4))
def test_made_data_reads_back_or_make_refuses(kind: ButtonKind, args: list[object]) -> None:
    try:
        data = SIGNER.make(kind, *args)
    except ValueError:
        assert len(":".join([kind.value, *map(str, args)])) + 11 > MAX_BYTES
        return
    assert len(data.encode()) <= MAX_BYTES
    assert SIGNER.read(data) == Tombol(kind, tuple(map(str, args)))
    assert OTHER.read(data) is None


_ascii = st.text(st.characters(max_codepoint=127, blacklist_categories=["Cs"]), max_size=80)


@given(st.one_of(_ascii, st.builds("{}:{}".format, _ascii, _ascii)))
def test_random_ascii_never_raises_never_validates(data: str) -> None:
    assert SIGNER.read(data) is None


# --- product bugs found while writing these tests -------------------------------------------

_BUG = (
    "BUG: CallbackSigner.read raises TypeError (hmac.compare_digest refuses non-ASCII str) "
    "when the part after the last ':' is not ASCII; a crafted button press such as "
    "'dr:pub:1:é' crashes handlers/buttons.pressed (read is outside its try) instead of "
    "being refused"
)


@pytest.mark.parametrize("data", ["dr:pub:1:é", "pg:t:5:ñññññññññ", "gd:o:1:2:\u200b"])
def test_non_ascii_signature_refused(data: str) -> None:
    assert SIGNER.read(data) is None


@settings(max_examples=200)
@given(st.builds("{}:{}".format, st.text(max_size=30), st.text(min_size=1, max_size=12)))
def test_random_strings_never_raise_never_validate(data: str) -> None:
    assert SIGNER.read(data) is None
