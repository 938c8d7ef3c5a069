"""CSV files people open in a spreadsheet: the statement, stock files, the staff
figures, the bank's payout list.

UTF-8 with a byte-order mark, so that spreadsheets read accents and Arabic; text
that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a
carriage return) is written with a leading apostrophe and stays text.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value) -> str:
    """`value` as text a spreadsheet shows as it is, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: list, rows: Iterable[list]) -> HttpResponse:
    """A CSV download of `header` and `rows` (values written as they are: pass text
    that visitors typed through `text_cell`)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
