"""Configuration versions: view one (line numbers, copy, download) and compare two (side by side
or unified, changed characters marked, long unchanged stretches folded)."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from ..db.models import Device
from ..services import configs
from .blueprint import bp
from .common import db, state

FOLD_CONTEXT = 3
FOLD_MIN = 8  # fold unchanged stretches longer than this


def _text(version) -> str:
    return configs.read_text(state().storage, version)


@bp.route("/configs/<int:version_id>")
def config_view(version_id: int):
    session = db()
    version = configs.get_version(session, version_id)
    device = session.get(Device, version.device_id)
    return render_template("configs/view.html", version=version, device=device,
                           lines=_text(version).splitlines())


@bp.route("/configs/<int:version_id>/raw")
def config_raw(version_id: int):
    version = configs.get_version(db(), version_id)
    stamp = version.retrieved_at.strftime("%Y%m%dT%H%M%SZ")
    filename = f"{version.hostname}-{stamp}.cfg".replace('"', "")
    return Response(_text(version), mimetype="text/plain",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def fold(rows: list[dict], context: int = FOLD_CONTEXT, minimum: int = FOLD_MIN) -> list[dict]:
    """Mark equal rows far from any change as ``folded`` and group them (``fold`` = group id), so
    the page shows a "N unchanged lines" bar that expands them in place."""
    near = [False] * len(rows)
    for i, row in enumerate(rows):
        if row["kind"] != "equal":
            for k in range(max(0, i - context), min(len(rows), i + context + 1)):
                near[k] = True
    out, i, group = [], 0, 0
    while i < len(rows):
        if near[i]:
            out.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and not near[j]:
            j += 1
        if j - i >= minimum:
            group += 1
            out.append({"kind": "fold", "count": j - i, "group": group})
            out.extend(dict(r, folded=group) for r in rows[i:j])
        else:
            out.extend(rows[i:j])
        i = j
    return out


@bp.route("/diff")
def diff():
    try:
        from_id, to_id = int(request.args.get("from_id", "")), int(request.args.get("to_id", ""))
    except ValueError:
        abort(400, "Choose two versions to compare.")
    session = db()
    result = configs.diff(session, state().storage, from_id, to_id)
    old, new = result["from"], result["to"]
    view = request.args.get("view") if request.args.get("view") in ("split", "unified") else "split"
    return render_template("configs/diff.html", result=result, old=old, new=new, rows=fold(result["rows"]),
                           view=view, old_device=session.get(Device, old.device_id),
                           new_device=session.get(Device, new.device_id))
