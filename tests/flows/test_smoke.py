from tests.support.harness import BotHarness, user


async def test_stranger_start_and_help(bot: BotHarness) -> None:
    stranger = user(777, "Joko")
    calls = await bot.say(stranger, "/start")
    texts = [c.text or "" for c in calls if c.method == "sendMessage"]
    assert len(texts) == 1 and "belum terdaftar" in texts[0]
    calls = await bot.say(stranger, "/bantuan")
    help_text = [c.text or "" for c in calls if c.method == "sendMessage"][0]
    assert "/start" in help_text and "/undang" not in help_text
