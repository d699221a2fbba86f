"""Configuration versions: view one (line numbers, copy, download, previous/next version) and
compare two (side by side or unified, changed characters marked, long unchanged stretches folded,
next/previous change, patch download)."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from ..db.models import Device
from ..services import configs, versions
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
    prev, nxt = versions.neighbours(session, version)
    return render_template("configs/view.html", version=version, device=device, prev=prev, next=nxt,
                           count=versions.device_version_count(session, version.device_id),
                           lines=_text(version).splitlines())


@bp.route("/configs/<int:version_id>/raw")
def config_raw(version_id: int):
    version = versions.numbered(db(), [configs.get_version(db(), version_id)])[0]
    stamp = version.retrieved_at.strftime("%Y%m%dT%H%M%SZ")
    return _attachment(_text(version), "text/plain", f"{version.hostname}-v{version.number}-{stamp}.cfg")


def _attachment(body: str, mimetype: str, filename: str) -> Response:
    # Hostnames are validated, but a name from storage must never break out of the header.
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{safe}"'})


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


def number_changes(rows: list[dict]) -> int:
    """Give the first row of each run of changed rows a ``change`` number (1, 2...), the targets
    of the page's next/previous change buttons; returns how many changes there are."""
    n, in_change = 0, False
    for row in rows:
        changed = row["kind"] not in ("equal", "fold")
        if changed and not in_change:
            n += 1
            row["change"] = n
        in_change = changed
    return n


def _version_ids() -> tuple[int, int]:
    try:
        return int(request.args.get("from_id", "")), int(request.args.get("to_id", ""))
    except ValueError:
        abort(400, "Choose two versions to compare.")


@bp.route("/diff")
def diff():
    from_id, to_id = _version_ids()
    session = db()
    result = configs.diff(session, state().storage, from_id, to_id)
    old, new = versions.numbered(session, [result["from"], result["to"]])
    view = request.args.get("view") if request.args.get("view") in ("split", "unified") else "split"
    rows = fold(result["rows"])
    changes = number_changes(rows)
    return render_template("configs/diff.html", result=result, old=old, new=new, rows=rows, changes=changes,
                           view=view, old_device=session.get(Device, old.device_id),
                           new_device=session.get(Device, new.device_id))


@bp.route("/diff/patch")
def diff_patch():
    """The unified diff of two versions as a file ``patch``/``git apply`` understand."""
    from_id, to_id = _version_ids()
    session = db()
    result = configs.diff(session, state().storage, from_id, to_id)
    old, new = versions.numbered(session, [result["from"], result["to"]])
    name = old.hostname if old.hostname == new.hostname else f"{old.hostname}-{new.hostname}"
    body = result["unified"]
    if body and not body.endswith("\n"):
        body += "\n"
    return _attachment(body, "text/x-diff", f"{name}-v{old.number}-v{new.number}.patch")
