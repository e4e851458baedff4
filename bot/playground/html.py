"""Telegram's HTML parse mode, as the server reads it: the visible text and its entities.

Shared by the playground's Telegram stand-in and the tests' fakes (one reading of the markup, not
two): markup Telegram refuses raises ``EntityParseError`` with Telegram's wording; ``to_safe_html``
turns a message's text and entities back into HTML a browser may show.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- HTML parse mode
class EntityParseError(ValueError):
    """Raised for markup Telegram answers with "can't parse entities"."""


@dataclass(frozen=True)
class ParsedText:
    """Visible text after entity parsing, with entities (UTF-16 offsets) as Telegram returns."""

    text: str
    entities: list[JSONDict]


_TAG_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_ATTR_SRC = r"""([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"""
_START_TAG = re.compile(rf"<({_TAG_NAME})((?:\s+{_ATTR_SRC})*)\s*>")
_ATTR = re.compile(_ATTR_SRC)
_END_TAG = re.compile(rf"</({_TAG_NAME})\s*>")
_HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]*));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_TAG_ATTRS = {
    "a": {"href"},
    "span": {"class"},
    "code": {"class"},
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}


@dataclass
class _Open:
    name: str
    attrs: dict[str, str]
    offset: int  # UTF-16
    language: str | None = None


def parse_html(source: str) -> ParsedText:
    """Parse Telegram-flavoured HTML the way the server does; raise EntityParseError if invalid."""
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[JSONDict] = []

    def at(i: int) -> str:
        return f"at byte offset {len(source[:i].encode('utf-8', 'surrogatepass'))}"

    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "<" and (m := _END_TAG.match(source, i)):
            name = m.group(1).lower()
            if not stack:
                raise EntityParseError(f'Unexpected end tag "</{name}>" {at(i)}')
            if stack[-1].name != name:
                raise EntityParseError(
                    f'Unmatched end tag {at(i)}, expected "</{stack[-1].name}>", found "</{name}>"'
                )
            _close(stack.pop(), stack, pos16, entities)
            i = m.end()
        elif ch == "<" and (m := _START_TAG.match(source, i)):
            stack.append(_open_tag(m.group(1).lower(), m.group(2), stack, pos16, at(i)))
            i = m.end()
        elif ch == "<":
            raise EntityParseError(f'Unescaped "<" or malformed tag {at(i)}; use &lt;')
        elif ch == ">":
            raise EntityParseError(f'Unescaped ">" {at(i)}; use &gt;')
        elif ch == "&":
            m = _HTML_ENTITY.match(source, i)
            if m is None:
                raise EntityParseError(f'Unescaped "&" {at(i)}; use &amp;')
            if m.group(3) is not None:
                if m.group(3) not in _NAMED:
                    raise EntityParseError(f'Unsupported HTML entity "{m.group(0)}" {at(i)}')
                decoded = _NAMED[m.group(3)]
            else:
                code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
                if not (0 < code <= 0x10FFFF) or 0xD800 <= code <= 0xDFFF:
                    raise EntityParseError(f'Invalid numeric entity "{m.group(0)}" {at(i)}')
                decoded = chr(code)
            out.append(decoded)
            pos16 += utf16_len(decoded)
            i = m.end()
        else:
            out.append(ch)
            pos16 += utf16_len(ch)
            i += 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def _open_tag(name: str, raw_attrs: str, stack: list[_Open], pos16: int, where: str) -> _Open:
    if name not in _TAG_ENTITY:
        raise EntityParseError(f'Unsupported start tag "{name}" {where}')
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(raw_attrs):
        attr = m.group(1).lower()
        if attr not in _TAG_ATTRS.get(name, set()):
            raise EntityParseError(f'Unsupported attribute "{attr}" in tag "{name}" {where}')
        value = next((g for g in m.groups()[1:] if g is not None), "")
        attrs[attr] = re.sub(r"&(lt|gt|amp|quot);", lambda e: _NAMED[e.group(1)], value)
    parent = stack[-1].name if stack else None
    if any(o.name == "code" for o in stack):
        raise EntityParseError(f'Tag "{name}" can\'t be nested inside "code" {where}')
    if any(o.name == "pre" for o in stack) and not (name == "code" and parent == "pre"):
        raise EntityParseError(f'Only "code" can be nested inside "pre"; found "{name}" {where}')
    if name in ("a", "blockquote") and any(o.name == name for o in stack):
        raise EntityParseError(f'Tag "{name}" can\'t be nested inside another "{name}" {where}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
    if name == "a" and not attrs.get("href"):
        raise EntityParseError(f'Tag "a" must have a non-empty "href" {where}')
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityParseError(f"Invalid custom emoji identifier specified {where}")
    if name == "code" and "class" in attrs:
        if parent != "pre" or not attrs["class"].startswith("language-"):
            raise EntityParseError(
                f'Only "code" inside "pre" may have class="language-..." {where}'
            )
        stack[-1].language = attrs["class"].removeprefix("language-")
    return _Open(name, attrs, pos16)


def _close(tag: _Open, stack: list[_Open], pos16: int, entities: list[JSONDict]) -> None:
    length = pos16 - tag.offset
    if length == 0 or (tag.name == "code" and stack and stack[-1].name == "pre"):
        return
    entity: JSONDict = {"type": _TAG_ENTITY[tag.name], "offset": tag.offset, "length": length}
    if tag.name == "a":
        entity["url"] = tag.attrs["href"]
    elif tag.name == "pre" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    entities.append(entity)


def parse_text(text: str, parse_mode: str | None) -> ParsedText:
    """Visible text and entities of a message text/caption for the given parse mode."""
    if parse_mode is not None and parse_mode.lower() == "html":
        return parse_html(text)
    return ParsedText(text, [])  # Markdown(V2) is not parsed by the fake


# the entity types the playground page shows, as the tags it uses for them
_SHOWN = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "expandable_blockquote": "blockquote",
    "spoiler": "span",
}


def to_safe_html(text: str, entities: list[JSONDict] | None) -> str:
    """The text with its entities as HTML for a browser: every character escaped, only the
    tags of Telegram's formatting, links only to http(s) and opened in a new tab."""
    units = text.encode("utf-16-le")
    # at each offset the inner entities close first, then the outer ones open first
    opens: dict[int, list[tuple[int, int, str]]] = {}  # offset -> (-length, n, tag)
    closes: dict[int, list[tuple[int, int, int, str]]] = {}  # offset -> (-start, length, -n, tag)
    for n, entity in enumerate(entities or []):
        start, length = entity["offset"], entity["length"]
        kind = entity["type"]
        if kind in ("text_link", "url"):
            url = entity.get("url") or _slice(units, start, start + length)
            if not re.match(r"https?://", url):
                continue
            opening = f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">'
            closing = "</a>"
        elif kind in _SHOWN:
            tag = _SHOWN[kind]
            opening = '<span class="spoiler">' if tag == "span" else f"<{tag}>"
            closing = f"</{tag}>"
        else:
            continue
        opens.setdefault(start, []).append((-length, n, opening))
        closes.setdefault(start + length, []).append((-start, length, -n, closing))
    out: list[str] = []
    position = 0
    for offset in sorted(opens.keys() | closes.keys()):
        out.append(html.escape(_slice(units, position, offset), quote=False))
        out += [tag for *_, tag in sorted(closes.get(offset, []))]
        out += [tag for *_, tag in sorted(opens.get(offset, []))]
        position = offset
    out.append(html.escape(_slice(units, position, len(units) // 2), quote=False))
    return "".join(out)


def _slice(units: bytes, start: int, end: int) -> str:
    """Characters between two UTF-16 offsets."""
    return units[start * 2 : end * 2].decode("utf-16-le", errors="replace")
