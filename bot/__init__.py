"""Bot tindak lanjut arahan pimpinan: the core (settings, domain, services, sender)."""
