"""The playground's web server on 127.0.0.1: the chat page, the page's API, and the Bot API of
the Telegram stand-in that the bot polls (``/bot<token>/METHOD``, ``/file/bot<token>/PATH``).

The page's API is described in ``docs/playground.md``. Everything a person does goes through
the stand-in as Telegram would deliver it; nothing here touches the bot's database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
import warnings
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.playground import sample
from bot.playground.clock import Langkah
from bot.playground.html import to_safe_html
from bot.playground.runner import TOKEN, Playground
from bot.playground.standin import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    TelegramStandIn,
    UploadedFile,
    scope_key,
)

with warnings.catch_warnings():  # aiohttp adds a warning filter at import: keep ours as they are
    from aiohttp import web

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
STATIC = Path(__file__).resolve().parent / "static"
UPLOAD_LIMIT = 20 * 1024 * 1024
PEOPLE = {person.id: person for person in sample.PEOPLE}
GROUPS = {group.id: group for group in sample.GROUPS}
HEARTBEAT_SECONDS = 15.0
PLAYGROUND_KEY = web.AppKey("playground", Playground)
# every request of the page that changes something carries this header: a form or a simple
# request of another website cannot send it (it needs a CORS preflight, never allowed here)
PAGE_HEADER = "X-Playground"


# ---------------------------------------------------------------------- the Bot API over HTTP
async def read_call(
    request: web.Request, method: str, standin: TelegramStandIn
) -> tuple[JSONDict, dict[str, UploadedFile]]:
    """The parameters and uploads of one Bot API request (JSON, form or multipart)."""
    raw: JSONDict = {}
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json":
        return await request.json(), files
    if request.method == "GET":
        raw = dict(request.query)
    else:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(
                    value.filename or name, value.file.read(), value.content_type
                )
            else:
                raw[name] = value
    return standin.decode_fields(method, raw), files


async def bot_api(request: web.Request) -> web.StreamResponse:
    """One Bot API call of the bot."""
    if request.match_info["token"] != TOKEN:
        return web.json_response(
            {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
        )
    standin = request.app[PLAYGROUND_KEY].standin
    method = request.match_info["method"]
    params, files = await read_call(request, method, standin)
    status, body = await standin.handle(method, params, files)
    return web.Response(status=status, body=body, content_type="application/json")


async def bot_file(request: web.Request) -> web.StreamResponse:
    """A file download of the bot (a photo or document a person sent)."""
    if request.match_info["token"] != TOKEN:
        return web.Response(status=401)
    status, body = request.app[PLAYGROUND_KEY].standin.download(request.match_info["path"])
    return web.Response(status=status, body=body)


# ---------------------------------------------------------------------- what the page shows
def name_of(sender: JSONDict) -> str:
    """A sender's name as Telegram shows it."""
    return " ".join(p for p in (sender.get("first_name"), sender.get("last_name")) if p)


def message_view(message: JSONDict) -> JSONDict:
    """A message as the page draws it (see docs/playground.md)."""
    text: str = message.get("text") or message.get("caption") or ""
    entities = message.get("entities", message.get("caption_entities"))
    replied = message.get("reply_to_message")
    document = message.get("document")
    photo = (message.get("photo") or [None])[-1]
    forced = message.get("_force_reply") or {}
    sender = message.get("from", {})
    return {
        "message_id": message["message_id"],
        "chat_id": message["chat"]["id"],
        "from": {"id": sender.get("id"), "name": name_of(sender), "is_bot": sender.get("is_bot")},
        "date": message["date"],
        "html": to_safe_html(text, entities),
        "reply_to": None
        if replied is None
        else {
            "message_id": replied["message_id"],
            "from_name": name_of(replied.get("from", {})),
            "snippet": (replied.get("text") or replied.get("caption") or "")[:80],
        },
        "buttons": [
            [{"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")} for b in row]
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
        ],
        "force_reply": bool(forced),
        "placeholder": forced.get("input_field_placeholder"),
        "document": None
        if document is None
        else {
            "name": document.get("file_name", "dokumen"),
            "url": f"/files/{document['file_id']}",
            "mime_type": document.get("mime_type"),
            "size": document.get("file_size"),
        },
        "photo": None if photo is None else {"url": f"/files/{photo['file_id']}"},
        "edited": "edit_date" in message,
        "delivered": message.get("_delivered", True),
    }


def _commands(standin: TelegramStandIn, *scopes: JSONDict) -> list[JSONDict]:
    for scope in scopes:
        found = standin.commands.get(scope_key(scope))
        if found:
            return found
    return []


async def state(request: web.Request) -> web.Response:
    """The people, the groups, the bot and the time."""
    playground = request.app[PLAYGROUND_KEY]
    standin = playground.standin
    people = [
        {
            "id": person.id,
            "name": person.nama,
            "role": person.peran,
            "commands": _commands(
                standin,
                {"type": "chat", "chat_id": person.id},
                {"type": "all_private_chats"},
                {"type": "default"},
            ),
        }
        for person in sample.PEOPLE
    ]
    groups = [
        {
            "id": group.id,
            "title": group.title,
            "members": list(group.members),
            "commands": _commands(
                standin,
                {"type": "chat", "chat_id": group.id},
                {"type": "all_group_chats"},
                {"type": "default"},
            ),
        }
        for group in sample.GROUPS
    ]
    bot = standin.bot_user
    return web.json_response(
        {
            "pemda": sample.PEMDA,
            "now": playground.now_text(),
            "bot": {"id": bot["id"], "name": bot["first_name"], "username": bot["username"]},
            "people": people,
            "groups": groups,
        }
    )


async def chat_messages(request: web.Request) -> web.Response:
    """The messages of one chat, oldest first."""
    try:
        chat_id = int(request.match_info["chat_id"])
    except ValueError:
        return _refuse("chat tidak dikenal", 404)
    if chat_id not in PEOPLE and chat_id not in GROUPS:
        return _refuse("chat tidak dikenal", 404)
    standin = request.app[PLAYGROUND_KEY].standin
    return web.json_response({"messages": [message_view(m) for m in standin.messages(chat_id)]})


async def stored_file(request: web.Request) -> web.StreamResponse:
    """A photo or document of a chat, to show or download."""
    stored = request.app[PLAYGROUND_KEY].standin.file(request.match_info["file_id"])
    if stored is None:
        return web.Response(status=404, text="berkas tidak ditemukan")
    disposition = "inline" if stored.mime_type.startswith("image/") else "attachment"
    safe_name = stored.file_name.replace('"', "").replace("\\", "")
    return web.Response(
        body=stored.content,
        content_type=stored.mime_type,
        headers={"Content-Disposition": f'{disposition}; filename="{safe_name}"'},
    )


# ---------------------------------------------------------------------- what a person does
def _refuse(error: str, status: int = 400) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=status)


def _who_where(sender: Any, chat: Any) -> tuple[sample.Person, int] | str:
    """The person and the chat they act in, or why they may not: a person writes in their own
    private chat with the bot or in a group they belong to."""
    if not isinstance(sender, int) or sender not in PEOPLE:
        return "orang tidak dikenal"
    if not isinstance(chat, int):
        return "chat tidak dikenal"
    if chat == sender or (chat in GROUPS and sender in GROUPS[chat].members):
        return PEOPLE[sender], chat
    return "orang ini tidak ada di chat tersebut"


async def _json_body(request: web.Request) -> JSONDict | None:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


async def _acting(
    request: web.Request,
) -> tuple[JSONDict, sample.Person, int] | web.Response:
    """The JSON body of a person's act, the person and the chat; or the refusal."""
    body = await _json_body(request)
    if body is None:
        return _refuse("permintaan tidak sah")
    found = _who_where(body.get("from"), body.get("chat"))
    if isinstance(found, str):
        return _refuse(found)
    return body, *found


async def send(request: web.Request) -> web.Response:
    """A person writes a message."""
    acting = await _acting(request)
    if isinstance(acting, web.Response):
        return acting
    body, person, chat_id = acting
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        return _refuse("pesan kosong")
    if len(text) > TEXT_LIMIT:
        return _refuse(f"pesan terlalu panjang (paling banyak {TEXT_LIMIT} karakter)")
    reply_to = body.get("reply_to")
    standin = request.app[PLAYGROUND_KEY].standin
    message, _ = standin.say(
        person.user, chat_id, text, reply_to=reply_to if isinstance(reply_to, int) else None
    )
    return web.json_response({"ok": True, "message": message_view(message)})


async def press(request: web.Request) -> web.Response:
    """A person presses an inline button; answers with the bot's answer to the press."""
    acting = await _acting(request)
    if isinstance(acting, web.Response):
        return acting
    body, person, chat_id = acting
    message_id, data = body.get("message_id"), body.get("data")
    if not isinstance(message_id, int) or not isinstance(data, str):
        return _refuse("tombol tidak dikenal")
    standin = request.app[PLAYGROUND_KEY].standin
    try:
        answer = await standin.press(person.user, chat_id, message_id, data)
    except LookupError as exc:
        return _refuse(str(exc))
    return web.json_response({"ok": True, "answer": answer})


async def upload(request: web.Request) -> web.Response:
    """A person sends a file (a picture becomes a photo, anything else a document)."""
    fields: JSONDict = {}
    file: UploadedFile | None = None
    try:
        form = await request.post()
    except (ValueError, web.HTTPRequestEntityTooLarge):
        return _refuse("berkas terlalu besar (paling besar 20 MB)")
    for name, value in form.items():
        if isinstance(value, web.FileField):
            file = UploadedFile(value.filename or "berkas", value.file.read(), value.content_type)
        else:
            fields[name] = value
    if file is None:
        return _refuse("tidak ada berkas")
    try:
        sender, chat = int(fields.get("from", "")), int(fields.get("chat", ""))
    except ValueError:
        return _refuse("orang atau chat tidak dikenal")
    found = _who_where(sender, chat)
    if isinstance(found, str):
        return _refuse(found)
    person, chat_id = found
    reply = fields.get("reply_to")
    reply_to = int(reply) if isinstance(reply, str) and reply.isdigit() else None
    caption = str(fields.get("caption") or "") or None
    if caption is not None and len(caption) > CAPTION_LIMIT:
        return _refuse(f"keterangan terlalu panjang (paling banyak {CAPTION_LIMIT} karakter)")
    standin = request.app[PLAYGROUND_KEY].standin
    kept = standin.add_file(file.content, file.file_name, file.mime_type)
    picture = file.mime_type.startswith("image/")
    message, _ = standin.say(
        person.user,
        chat_id,
        caption,
        reply_to=reply_to,
        document=None if picture else kept,
        photo=kept if picture else None,
    )
    return web.json_response({"ok": True, "message": message_view(message)})


async def clock(request: web.Request) -> web.Response:
    """Move time forward: a day, to Monday 08:00, to the weekly digest."""
    body = await _json_body(request) or {}
    try:
        langkah = Langkah(str(body.get("step")))
    except ValueError:
        return _refuse("langkah waktu tidak dikenal")
    playground = request.app[PLAYGROUND_KEY]
    await playground.advance(langkah)
    return web.json_response({"ok": True, "now": playground.now_text()})


async def reset(request: web.Request) -> web.Response:
    """Start again from the sample Pemda."""
    await request.app[PLAYGROUND_KEY].reset()
    return web.json_response({"ok": True})


async def events(request: web.Request) -> web.StreamResponse:
    """Live events for the page (server-sent events)."""
    playground = request.app[PLAYGROUND_KEY]
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
    )
    await response.prepare(request)
    queue: asyncio.Queue[JSONDict] = asyncio.Queue()

    def listen(event: JSONDict) -> None:
        queue.put_nowait(event)

    playground.listeners.append(listen)
    try:
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                await response.write(b": tetap tersambung\n\n")
                continue
            shown = page_event(playground, event)
            await response.write(f"data: {json.dumps(shown)}\n\n".encode())
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        playground.listeners.remove(listen)
    return response


def page_event(playground: Playground, event: JSONDict) -> JSONDict:
    """A stand-in event as the page reads it."""
    kind = event["type"]
    if kind in ("message", "edit"):
        message = event["message"]
        return {"type": kind, "chat": message["chat"]["id"], "message": message_view(message)}
    if kind == "delete":
        message = event["message"]
        return {"type": kind, "chat": message["chat"]["id"], "message_id": message["message_id"]}
    if kind == "clock":
        return {"type": kind, "now": playground.now_text()}
    return {"type": kind}


async def page(request: web.Request) -> web.FileResponse:
    """The chat page."""
    return web.FileResponse(STATIC / "index.html")


@web.middleware
async def only_the_page(request: web.Request, handler: Any) -> web.StreamResponse:
    """A request of the page's API that changes something must come from the page itself:
    it carries ``X-Playground: 1``, which another website cannot make a browser send."""
    if (
        request.method not in ("GET", "HEAD", "OPTIONS")
        and request.path.startswith("/api/")
        and request.headers.get(PAGE_HEADER) != "1"
    ):
        return _refuse("permintaan ditolak: hanya dari halaman playground", 403)
    response: web.StreamResponse = await handler(request)
    return response


def create_app(playground: Playground) -> web.Application:
    """The playground's web application."""
    app = web.Application(client_max_size=UPLOAD_LIMIT + 1024 * 1024, middlewares=[only_the_page])
    app[PLAYGROUND_KEY] = playground
    app.router.add_get("/", page)
    app.router.add_static("/static", STATIC)
    app.router.add_get("/api/state", state)
    app.router.add_get("/api/chats/{chat_id}/messages", chat_messages)
    app.router.add_get("/api/events", events)
    app.router.add_post("/api/send", send)
    app.router.add_post("/api/press", press)
    app.router.add_post("/api/upload", upload)
    app.router.add_post("/api/clock", clock)
    app.router.add_post("/api/reset", reset)
    app.router.add_get("/files/{file_id}", stored_file)
    app.router.add_route("*", "/bot{token}/{method}", bot_api)
    app.router.add_get("/file/bot{token}/{path:.*}", bot_file)
    return app


# ---------------------------------------------------------------------- running it
class PortTaken(Exception):
    """The playground's port is used by another program."""


async def listen(
    settings: Settings, folder: Path, **options: Any
) -> tuple[Playground, web.AppRunner]:
    """Listen on 127.0.0.1 (the page and the stand-in answer; the bot is not started yet)."""
    playground = Playground(settings, folder, settings.PLAYGROUND_PORT, **options)
    runner = web.AppRunner(create_app(playground), access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", settings.PLAYGROUND_PORT)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise PortTaken(str(exc)) from None
    if settings.PLAYGROUND_PORT == 0:  # a free port chosen by the system (tests)
        playground.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return playground, runner


async def start(playground: Playground, runner: web.AppRunner) -> None:
    """Start the bot with its sample Pemda (on failure, everything stopped again)."""
    try:
        await playground.start_bot()
    except BaseException:
        await playground.stop_bot()
        await runner.cleanup()
        raise


async def serve(
    settings: Settings, folder: Path, **options: Any
) -> tuple[Playground, web.AppRunner]:
    """Listen on 127.0.0.1, then start the bot with its sample Pemda."""
    playground, runner = await listen(settings, folder, **options)
    await start(playground, runner)
    return playground, runner


async def shut(playground: Playground, runner: web.AppRunner) -> None:
    """A clean stop: the bot first (its last calls still reach the stand-in), then the page."""
    await playground.stop_bot()
    await runner.cleanup()


def telegram_words(settings: Settings) -> str:
    """Why the playground does not talk to Telegram, as the first line says it."""
    if settings.BOT_TOKEN is None:
        return "tanpa BOT_TOKEN; tidak terhubung ke Telegram"
    return "BOT_TOKEN tidak dipakai; tidak terhubung ke Telegram"


async def main(settings: Settings, folder: Path) -> int:
    """Run the playground until Ctrl-C (or SIGTERM). The address is the first line printed,
    before the sample Pemda is built (which logs); "siap" follows when the page works."""
    try:
        playground, runner = await listen(settings, folder)
    except PortTaken:
        print(
            f"Port {settings.PLAYGROUND_PORT} sudah dipakai program lain: pilih port lain, "
            f"mis. PLAYGROUND_PORT={settings.PLAYGROUND_PORT + 1}.",
            file=sys.stderr,
        )
        return 1
    address = f"http://127.0.0.1:{playground.port}"
    print(
        f"Playground Tindak Lanjut ({telegram_words(settings)}): {address} — menyiapkan "
        "contoh Pemda…",
        flush=True,
    )
    await start(playground, runner)
    print(f"Playground siap: buka {address} — hentikan dengan Ctrl-C.", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await shut(playground, runner)
    print("Playground dihentikan.", flush=True)
    return 0
