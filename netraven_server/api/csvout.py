"""CSV downloads (compliance results, fleet inventory).

Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) are prefixed
with a quote: a device's text is not trusted input for Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def csv_response(header: Sequence[str], rows: Iterable[Sequence[object]], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})
