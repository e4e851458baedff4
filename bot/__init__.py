"""Bot tindak lanjut arahan pimpinan: the core (settings, domain, features, messaging).

Nothing happens at import time: ``bot.app.build_application`` wires everything."""
