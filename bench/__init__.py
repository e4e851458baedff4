"""The benchmark suite (issue 11): one command, one table.

    python -m bench                      # full sizes, on a temporary SQLite file
    python -m bench --quick              # smaller sizes, a smoke run
    python -m bench --database postgresql+asyncpg://postgres@127.0.0.1:5432/test
    python -m bench --only replies       # start, memory, replies, commits, fanout, digest

The bot runs as a real process (`python -m bot`) against the HTTP fake of the Bot API that the
end-to-end tests use, next to a bare python-telegram-bot echo bot (bench/echo_bot.py) run
through the same fake as the reference. CPU time and memory are read from /proc (Linux only).
The scripts bench/digest.py and bench/reader.py still run on their own.
"""
