"""The stock file: a CSV a shop exports from its stock table, edits in a spreadsheet
and imports again.

Columns: `sku`, `stock`, `price` (what the shop sells the variant for), then
`product` and `options` to tell the rows apart, which an import ignores (as any
other column). Written in UTF-8 with a byte-order mark, comma-separated with CRLF
line ends, which is how spreadsheets open a file in any language without mangling
Arabic or French names. Read: UTF-8 (with or without the mark), separated by
commas, semicolons (what spreadsheets in French write) or tabs, decided from the
header line; the header names the columns in any order and case.

The rows' meaning (a count to set, a price to change) and their checks belong to
`catalog.services.stock_set_many()`; this module only reads and writes the format,
and refuses a file that is not one (`StockFileError`, shown to the user as it is).
"""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from marketplace.catalog.models import Variant
from marketplace.catalog.services import StockRow
from marketplace.core.spreadsheets import BOM, text_cell

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADER = ["sku", "stock", "price", "product", "options"]
REQUIRED = ("sku", "stock")


class StockFileError(Exception):
    """The upload is not a stock file we can read; `message` says what to fix."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def write_stock_file(variants: Iterable[Variant]) -> bytes:
    """The stock file of these variants (each with its product loaded)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for variant in variants:
        writer.writerow(
            [
                variant.sku,
                variant.stock,
                f"{variant.price:.2f}",
                text_cell(variant.product.name),
                text_cell(variant.label),
            ]
        )
    return out.getvalue().encode("utf-8")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_stock_file(upload) -> list[StockRow]:
    """The rows of an uploaded stock file, or `StockFileError`."""
    if upload.size > MAX_FILE_BYTES:
        raise StockFileError(
            _("The file is too large: a stock file may have up to %(size)s MB.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # the size the browser gave was wrong
        raise StockFileError(
            _("The file is too large: a stock file may have up to %(size)s MB.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StockFileError(
            _(
                "The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8” "
                "and import it again."
            )
        ) from None
    if "\x00" in text:
        raise StockFileError(_("This is not a CSV file. Export the stock file and edit that."))
    text = text.lstrip(BOM)
    if not text.strip():
        raise StockFileError(_("The file is empty."))
    first_line = text.lstrip("\r\n").splitlines()[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True
    )
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        columns = [cell.strip().lstrip(BOM).lower() for cell in header or []]
        if any(name not in columns for name in REQUIRED):
            raise StockFileError(
                _(
                    "The first line must name the columns: sku, stock and, to change "
                    "prices, price (as in the exported file)."
                )
            )
        where = {name: columns.index(name) for name in ("sku", "stock", "price") if name in columns}
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise StockFileError(
                    _("The file has more than %(count)s rows: split it into several files.")
                    % {"count": MAX_ROWS}
                )

            def cell(name: str, cells=cells) -> str:
                index = where.get(name)
                return cells[index] if index is not None and index < len(cells) else ""

            rows.append(
                StockRow(
                    line=reader.line_num,
                    sku=cell("sku"),
                    stock=cell("stock"),
                    price=cell("price"),
                )
            )
    except csv.Error as error:
        raise StockFileError(
            _("The file could not be read as CSV (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not rows:
        raise StockFileError(_("The file has no rows under its header."))
    return rows
