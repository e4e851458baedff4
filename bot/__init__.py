"""Bot tindak lanjut arahan pimpinan: the core (settings, domain, services, sender)."""

import os

# python-telegram-bot 22 reports RetryAfter.retry_after as a timedelta only when asked to;
# the sender handles both, this keeps the deprecated form out of the way.
os.environ.setdefault("PTB_TIMEDELTA", "1")
