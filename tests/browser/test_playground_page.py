"""The playground page in a real browser, against the real playground process: the story a
trainer walks through (a directive written, published, answered, a button pressed, a CSV
imported, the digest read, the clock moved to Monday), the phone layout, the privacy-mode
note in groups, and that nothing a person types is run as HTML.

The tests share one playground; each leaves alone what the others look at (the story is the
only one that publishes directives or moves the clock, the others write in chats the story
does not read). Every step is kept as a screenshot in ``test-artifacts/browser/``.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Locator, Page, expect

from bot.domain.kalender import Kalender
from tests.browser.conftest import BROWSER, NO_BROWSER, REPO

pytestmark = pytest.mark.skipif(not BROWSER, reason=NO_BROWSER)

ADMIN = 1001
KEPALA_DINKES = 2001
KEPALA_PUPR = 2101
ASISTEN_1 = 3001
SEKDA = 4001
FORUM_RAKOR = -1001000000099
ARAHAN_CSV = REPO / "data" / "contoh_arahan.csv"
CLOCK_STEP_MS = 60_000
DIRECTIVE = "Siapkan laporan capaian imunisasi untuk Rakor berikut"
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
        ).split(),
        start=1,
    )
}


# ---------------------------------------------------------------------- helpers
def shot(page: Page, artifacts: Path, name: str) -> None:
    """Keep what the page shows now as ``<name>.png``."""
    page.screenshot(path=str(artifacts / f"{name}.png"))


def open_person(page: Page, person: int) -> None:
    """Open a person's private chat from the list and wait for its messages."""
    page.locator(f'#people [data-person="{person}"]').click()
    expect(page.locator(f'#people [data-person="{person}"]')).to_have_class(
        re.compile(r"\bactive\b")
    )
    expect(page.locator("#messages .chat-note.loading")).to_have_count(0)


def open_group(page: Page, group: int) -> None:
    """Open a group chat from the list and wait for its messages."""
    page.locator(f'#groups [data-group="{group}"]').click()
    expect(page.locator(f'#groups [data-group="{group}"]')).to_have_class(re.compile(r"\bactive\b"))
    expect(page.locator("#messages .chat-note.loading")).to_have_count(0)


def message(page: Page, message_id: int) -> Locator:
    """One message of the open chat."""
    return page.locator(f'#messages .message[data-message-id="{message_id}"]')


def message_id(row: Locator) -> int:
    """The message id of a message row."""
    value = row.get_attribute("data-message-id")
    assert value is not None
    return int(value)


def send(page: Page, text: str) -> int:
    """Type ``text`` in the composer and press Enter; the id of the message it became."""
    box = page.locator("#composer-input")
    mine = page.locator("#messages .message.out")
    before = mine.count()
    box.fill(text)
    box.press("Enter")
    expect(mine).to_have_count(before + 1)
    mine = mine.last
    expect(mine.locator(".text")).to_contain_text(text.splitlines()[0])
    expect(box).to_have_value("")
    return message_id(mine)


def bot_after(page: Page, after: int) -> Locator:
    """The bot's messages in the open chat that came after message ``after``."""
    return page.locator(
        "xpath=//div[@id='messages']/div[contains(concat(' ', @class, ' '), ' from-bot ')"
        f" and number(@data-message-id) > {after}]"
    )


def press_button(page: Page, button: Locator) -> str:
    """Press an inline button; the bot's answer to the press, as the page showed it (a toast,
    or an alert, then closed with OK)."""
    with page.expect_response("**/api/press") as pressed:
        button.click()
    result = pressed.value.json()
    assert result["ok"], result
    answer = result["answer"]
    assert answer and answer.get("text"), f"bot tidak menjawab tombol dengan teks: {result}"
    text = str(answer["text"])
    if answer.get("show_alert"):
        expect(page.locator("#alert")).to_be_visible()
        expect(page.locator("#alert-text")).to_have_text(text)
        page.locator("#alert-ok").click()
        expect(page.locator("#alert")).to_be_hidden()
    else:
        expect(page.locator("#toast")).to_be_visible()
        expect(page.locator("#toast")).to_have_text(text)
    return text


def assert_line(row: Locator, pattern: str) -> None:
    """A line of a (complete) message matches ``pattern``."""
    text = row.inner_text()
    assert any(re.search(pattern, line) for line in text.splitlines()), (pattern, text)


def shown_day(page: Page) -> date:
    """The simulated day shown in ``#now`` ("Senin, 7 Desember 2026 pukul 08.00 WIB")."""
    found = re.search(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", page.locator("#now").inner_text())
    assert found, page.locator("#now").inner_text()
    return date(int(found[3]), MONTHS[found[2]], int(found[1]))


def move_clock(page: Page, button: str) -> str:
    """Press a clock button; the new time once the page shows it (a step runs every scheduled
    job on the way, a few seconds of work for the playground)."""
    before = page.locator("#now").inner_text()
    page.locator(button).click()
    expect(page.locator("#now")).not_to_have_text(before, timeout=CLOCK_STEP_MS)
    expect(page.locator(button)).to_be_enabled(timeout=CLOCK_STEP_MS)
    return page.locator("#now").inner_text()


def no_horizontal_scroll(page: Page) -> None:
    wide = page.evaluate("document.scrollingElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert wide <= inner, f"halaman dapat digeser ke samping: {wide} > {inner}"


# ---------------------------------------------------------------------- the story
def test_story_from_directive_to_monday_reminder(page: Page, artifacts: Path) -> None:
    # (1) the admin writes a directive; the preview has a publish button; publishing confirms
    open_person(page, ADMIN)
    sent = send(page, f"/arahan DINKES | 7 hari | {DIRECTIVE}")
    preview = bot_after(page, sent).filter(has_text="Pratinjau")
    expect(preview).to_have_count(1)
    expect(preview).to_contain_text(DIRECTIVE)
    publish = preview.locator(".inline-button", has_text="Terbitkan")
    expect(publish).to_have_count(1)
    preview_id = message_id(preview)
    shot(page, artifacts, "01-admin-pratinjau")
    answer = press_button(page, publish)
    assert "Diterbitkan" in answer
    published = message(page, preview_id)  # the preview becomes the confirmation
    expect(published).to_contain_text("Diterbitkan")
    expect(published.locator(".inline-button")).to_have_count(0)
    shot(page, artifacts, "02-admin-diterbitkan")
    numbers = re.search(r"nomor (\d+)", published.inner_text())
    assert numbers, published.inner_text()
    nomor = int(numbers[1])
    assert nomor == 5  # the sample Pemda publishes No. 1-4

    # (2) the new directive reaches the Kepala Dinkes, who answers it by replying to it
    open_person(page, KEPALA_DINKES)
    directive = page.locator("#messages .message.from-bot").filter(
        has_text=re.compile(rf"📌\s*Arahan No\. {nomor}\b")
    )
    expect(directive).to_have_count(1)
    expect(directive).to_contain_text(DIRECTIVE)
    directive_id = message_id(directive)
    shot(page, artifacts, "03-kadinkes-arahan-baru")
    directive.hover()
    directive.locator(".reply-action").click()
    expect(page.locator("#reply-bar")).to_be_visible()
    expect(page.locator("#reply-bar-snippet")).to_contain_text(f"Arahan No. {nomor}")
    sent = send(page, "progres 50%")
    quote = message(page, sent).locator(".reply-quote")
    expect(quote).to_have_attribute("data-reply-to", str(directive_id))
    expect(quote).to_contain_text(f"Arahan No. {nomor}")
    expect(page.locator("#reply-bar")).to_be_hidden()
    recorded = bot_after(page, sent).filter(has_text="Laporan dicatat")
    expect(recorded).to_have_count(1)
    expect(recorded).to_contain_text(f"Arahan No. {nomor}")
    expect(recorded).to_contain_text("50%")
    shot(page, artifacts, "04-kadinkes-laporan-dicatat")

    # (3) a button under another directive: the bot's answer shows as a toast
    other = page.locator("#messages .message.from-bot").filter(
        has_text=re.compile(r"📌\s*Arahan No\. 3\b")
    )
    expect(other).to_have_count(1)
    answer = press_button(page, other.locator(".inline-button", has_text="Terima"))
    assert "Diterima" in answer
    shot(page, artifacts, "05-kadinkes-toast-terima")

    # (4) the admin imports directives from a CSV, the command typed as the caption first
    open_person(page, ADMIN)
    page.locator("#composer-input").fill("/arahan_impor")
    csv_file = FilePayload(name="arahan.csv", mimeType="text/csv", buffer=ARAHAN_CSV.read_bytes())
    page.locator("#file-input").set_input_files(files=csv_file)
    upload = page.locator("#messages .message.out").last
    expect(upload.locator(".file-name")).to_have_text("arahan.csv")
    expect(upload.locator(".text")).to_contain_text("/arahan_impor")
    expect(page.locator("#composer-input")).to_have_value("")
    rows = len(list(csv.DictReader(io.StringIO(ARAHAN_CSV.read_text(encoding="utf-8")))))
    imported = bot_after(page, message_id(upload)).filter(has_text="Pratinjau")
    expect(imported).to_have_count(1)
    expect(imported).to_contain_text(f"Pratinjau: {rows} arahan")
    expect(imported.locator(".inline-button", has_text="Terbitkan")).to_have_count(1)
    shot(page, artifacts, "06-admin-impor-pratinjau")

    # (5) Asisten I reads the digest: DINKES is in it, and its detail shows the report
    open_person(page, ASISTEN_1)
    sent = send(page, "/status")
    digest = bot_after(page, sent).filter(has_text="Tindak lanjut arahan")
    expect(digest).to_have_count(1)
    expect(digest).to_contain_text("DINKES")  # the OPD's row in the klaster
    shot(page, artifacts, "07-asisten-status")
    # the overall digest counts per OPD, and the sample's own report already made DINKES's
    # last report today; the OPD's page lists each penugasan with its progress and last note
    sent = send(page, "/status DINKES")
    detail = bot_after(page, sent).filter(has_text="Tindak lanjut arahan")
    expect(detail).to_have_count(1)
    expect(detail).to_contain_text("progres 50%")
    assert_line(detail, rf"No\. {nomor}\b.*\b50%")
    shot(page, artifacts, "08-asisten-status-dinkes")

    # (6) to Monday 08.00: the weekly push reaches the Kepala Dinkes (an unread badge, then
    # the message with the directive and its progress)
    badge = page.locator(f'#people [data-person="{KEPALA_DINKES}"] .badge')
    expect(badge).to_have_count(0)  # the Kepala Dinkes has read everything so far
    now = move_clock(page, "#clock-monday")
    assert now.startswith("Senin"), now
    # a Monday that is a holiday moves the weekly push to the next working day
    for _ in range(7):
        if not Kalender().is_off(shown_day(page)):
            break
        move_clock(page, "#clock-day")
    expect(badge).to_be_visible()
    shot(page, artifacts, "09-senin-lencana")
    open_person(page, KEPALA_DINKES)
    expect(badge).to_have_count(0)
    # the latest weekly push (one per Monday the step passes; a Monday before 08.00 is the
    # step's own Monday)
    weekly = page.locator("#messages .message.from-bot").filter(has_text="Pengingat mingguan").last
    expect(weekly).to_contain_text("DINKES")
    expect(weekly).to_contain_text(f"No. {nomor}")
    assert_line(weekly, rf"No\. {nomor}\b.*\b50%")
    weekly.scroll_into_view_if_needed()
    shot(page, artifacts, "10-senin-pengingat-mingguan")


# ---------------------------------------------------------------------- other behaviour
def test_phone_list_then_full_screen_chat_and_back(phone: Page, artifacts: Path) -> None:
    sidebar, chat = phone.locator("#sidebar"), phone.locator("#chat")
    expect(sidebar).to_be_visible()
    expect(chat).to_be_hidden()
    no_horizontal_scroll(phone)
    shot(phone, artifacts, "11-ponsel-daftar")

    phone.locator(f'#people [data-person="{KEPALA_DINKES}"]').tap()
    expect(chat).to_be_visible()
    expect(sidebar).to_be_hidden()
    expect(phone.locator("#chat-title")).to_have_text("dr. Budi Santoso")
    expect(phone.locator("#messages .message").first).to_be_visible()
    box = chat.bounding_box()
    assert box is not None
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844), box
    expect(phone.locator("#back")).to_be_visible()
    no_horizontal_scroll(phone)
    shot(phone, artifacts, "12-ponsel-obrolan")

    phone.locator("#back").tap()
    expect(sidebar).to_be_visible()
    expect(chat).to_be_hidden()
    no_horizontal_scroll(phone)
    shot(phone, artifacts, "13-ponsel-kembali")


def test_group_plain_message_unread_by_bot_but_command_answered(
    page: Page, artifacts: Path
) -> None:
    open_group(page, FORUM_RAKOR)
    expect(page.locator("#as-person-wrap")).to_be_visible()
    page.locator("#as-person").select_option(str(SEKDA))
    expect(page.locator("#as-person")).to_have_value(str(SEKDA))

    plain = message(page, send(page, "Selamat pagi Bapak/Ibu, mohon laporannya sebelum Rakor."))
    expect(plain).to_have_class(re.compile(r"\bundelivered\b"))
    expect(plain.locator(".privacy-note")).to_have_text("tidak terbaca bot (mode privasi)")
    shot(page, artifacts, "14-grup-tidak-terbaca-bot")

    sent = send(page, "/status")
    expect(message(page, sent).locator(".privacy-note")).to_have_count(0)
    answer = bot_after(page, sent).filter(has_text="Tindak lanjut arahan")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("DINKES")
    shot(page, artifacts, "15-grup-status-dijawab")


def test_what_a_person_types_is_shown_as_text_not_html(page: Page, artifacts: Path) -> None:
    typed = "<b>tebal</b> & <script>"
    open_person(page, KEPALA_PUPR)
    bubble = message(page, send(page, typed)).locator(".bubble")
    expect(bubble.locator(".text")).to_contain_text(typed)
    expect(bubble.locator("b")).to_have_count(0)
    expect(bubble.locator("script")).to_have_count(0)
    shot(page, artifacts, "16-teks-polos")
