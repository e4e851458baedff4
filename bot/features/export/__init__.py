"""`/ekspor` and the digest's **📥 Unduh Excel**: the follow-up of directives as an XLSX
workbook (directives, penugasan, every report, summaries per OPD and per cluster).

:mod:`.service` decides the scope and streams the rows from the database, :mod:`.workbook`
writes them with openpyxl's write-only mode, :mod:`.views` gives the caption, the file name and
the button."""
