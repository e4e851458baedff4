"""More of the page in a real browser, on a playground of its own (the last test starts it
again from the sample): the alert a refused press shows, each role's command menu, a
forced-reply prompt answered from the composer, and "Ulangi dari awal"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.browser.conftest import BROWSER, NO_BROWSER
from tests.browser.test_playground_page import (
    ADMIN,
    FORUM_RAKOR,
    KEPALA_DINKES,
    KEPALA_PUPR,
    bot_after,
    message,
    open_group,
    open_person,
    send,
    shot,
)

pytestmark = pytest.mark.skipif(not BROWSER, reason=NO_BROWSER)


def menu_commands(page: Page) -> list[str]:
    """The commands the "/" menu of the open chat lists (the menu closed again)."""
    page.locator("#menu-button").click()
    expect(page.locator("#menu")).to_be_visible()
    commands = page.locator("#menu .command").evaluate_all(
        "nodes => nodes.map(n => n.dataset.command)"
    )
    page.locator("#menu-button").click()  # the same button closes it
    expect(page.locator("#menu")).to_be_hidden()
    return [str(c) for c in commands]


def test_a_refused_press_shows_the_bots_alert(page: Page, artifacts: Path) -> None:
    # the Kepala PUPR presses "Terima" under a directive of Dinas Kesehatan in the Rakor group
    open_group(page, FORUM_RAKOR)
    page.locator("#as-person").select_option(str(KEPALA_PUPR))
    card = page.locator("#messages .message.from-bot").filter(
        has_text=re.compile(r"📌\s*Arahan No\. 1\b")
    )
    expect(card).to_have_count(1)
    with page.expect_response("**/api/press") as pressed:
        card.locator(".inline-button", has_text="Terima").click()
    answer = pressed.value.json()["answer"]
    assert answer["show_alert"] is True, answer
    expect(page.locator("#alert")).to_be_visible()
    expect(page.locator("#alert-text")).to_have_text(answer["text"])
    expect(page.locator("#alert-text")).to_contain_text("tidak terdaftar pada OPD")
    shot(page, artifacts, "20-tombol-ditolak-alert")
    page.locator("#alert-ok").click()
    expect(page.locator("#alert")).to_be_hidden()


def test_each_role_sees_its_own_command_menu(page: Page, artifacts: Path) -> None:
    open_person(page, ADMIN)
    admin = menu_commands(page)
    assert {"undang", "arahan", "status"} <= set(admin), admin
    open_person(page, KEPALA_DINKES)
    kepala = menu_commands(page)
    assert {"tugas", "lapor"} <= set(kepala) and "undang" not in kepala, kepala
    page.locator("#menu-button").click()
    expect(page.locator("#menu .command")).not_to_have_count(0)
    shot(page, artifacts, "21-menu-kepala")
    page.locator("#menu-button").click()


def test_a_forced_reply_prompt_is_answered_from_the_composer(page: Page, artifacts: Path) -> None:
    open_person(page, KEPALA_DINKES)
    card = page.locator("#messages .message.from-bot").filter(
        has_text=re.compile(r"📌\s*Arahan No\. 4\b")
    )
    expect(card).to_have_count(1)
    # an earlier test (in any order) may have left a prompt in this chat: wait for the new one
    prompts = page.locator("#messages .message.from-bot").filter(has_text="balas pesan ini")
    before = prompts.count()
    with page.expect_response("**/api/press"):
        card.locator(".inline-button", has_text="Progres").click()
    expect(prompts).to_have_count(before + 1)
    prompt = prompts.last
    expect(prompt).to_be_visible()
    prompt_id = int(prompt.get_attribute("data-message-id") or 0)
    # the page makes the prompt the reply's target at once, as Telegram does
    expect(page.locator("#reply-bar")).to_be_visible()
    shot(page, artifacts, "22-balasan-paksa")
    sent = send(page, "40% data dari puskesmas sudah masuk")
    expect(message(page, sent).locator(".reply-quote")).to_have_attribute(
        "data-reply-to", str(prompt_id)
    )
    recorded = bot_after(page, sent).filter(has_text="Laporan dicatat")
    expect(recorded).to_have_count(1)
    expect(recorded).to_contain_text("Arahan No. 4")
    expect(recorded).to_contain_text("40%")
    shot(page, artifacts, "23-balasan-paksa-dicatat")


def test_reset_from_the_page_brings_back_the_sample(page: Page, artifacts: Path) -> None:
    open_person(page, ADMIN)
    mark = "catatan sebelum diulang"
    send(page, mark)
    expect(page.locator("#messages .message.out").filter(has_text=mark)).to_have_count(1)
    questions: list[str] = []

    def accept(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    with page.expect_response("**/api/reset") as reset:
        page.locator("#reset").click()
    assert reset.value.status == 200 and reset.value.json()["ok"]
    assert questions and questions[0].startswith("Ulangi dari awal?")
    expect(page.locator("#toast")).to_have_text("Playground sudah dikembalikan ke awal.")
    expect(page.locator("#messages .message.out").filter(has_text=mark)).to_have_count(0)
    expect(page.locator("#messages .message").first).to_be_attached()
    shot(page, artifacts, "24-diulang-dari-awal")
