"""Watching the bot run: the health check and the metrics served on 127.0.0.1 when
``METRICS_PORT`` is set (``health``, ``metrics``), and how log lines are shaped (``logs``)."""
