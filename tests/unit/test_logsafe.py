"""The bot token never reaches the log, in messages, arguments or tracebacks."""

from __future__ import annotations

import logging

import pytest

from bot.logsafe import protect, scrub

SECRET = "987654:SUPERSECRET-token-value"


def test_messages_arguments_and_tracebacks_are_scrubbed(caplog: pytest.LogCaptureFixture) -> None:
    protect(SECRET)
    log = logging.getLogger("telegram.ext.Updater")
    with caplog.at_level(logging.DEBUG):
        log.info("calling https://api.telegram.org/bot%s/getMe", SECRET)
        try:
            raise RuntimeError(f"The token `{SECRET}` was rejected by the server.")
        except RuntimeError:
            log.exception("Error while bootstrapping")
    assert caplog.records
    assert SECRET not in caplog.text
    assert "was rejected by the server" in caplog.text
    assert "bot***/getMe" in caplog.text


def test_scrub_leaves_other_text_alone() -> None:
    protect(SECRET)
    assert scrub("nothing secret here") == "nothing secret here"


def test_a_secret_inside_another_never_leaves_the_rest_visible() -> None:
    """The token's tail is registered too (and a webhook secret may be part of a token):
    the whole token is masked, whatever order the secrets are kept in."""
    token = "424242:LOG-SECRET-part-abcdef"
    protect(*(token[i:] for i in range(1, 20)))  # tails of the token, registered first
    protect(token)
    assert scrub(f"url bot{token}/x") == "url bot***/x"
