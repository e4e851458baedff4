"""Files people ask for (`/ekspor`, **📥 Unduh Excel**, `/laporan_rakor`): asked in an update,
made by the file desk outside it, sent through the outbox."""
