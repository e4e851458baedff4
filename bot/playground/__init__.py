"""The playground: the real bot against a Telegram stand-in that ships with it, a sample Pemda
and a chat page on 127.0.0.1 (see docs/playground.md). Loaded only when the playground runs."""
