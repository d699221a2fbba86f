"""Tags and credentials management.  Credential secrets are write-only: the forms have empty
password fields (blank = keep the stored secret) and pages show only whether one is set."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from ..services import credentials as cred_service
from ..services import tags as svc
from ..services.credentials import SECRETS
from ..services.errors import ServiceError
from .blueprint import bp
from .common import actor, db, form_int, form_list, form_str, is_partial, page_args, state
from .devices import all_tags

# ------------------------------------------------------------------ tags


@bp.route("/tags", methods=["GET", "POST"])
def tags():
    session = db()
    errors: dict[str, list[str]] = {}
    message = None
    if request.method == "POST":
        try:
            data = {"name": form_str("name") or "", "description": form_str("description")}
            tag = svc.create_tag(session, data, actor())
        except ServiceError as exc:
            errors, message = exc.errors, exc.message
        else:
            flash(f"Tag {tag.name} created.", "ok")
            return redirect(url_for("web.tags"))
    page = svc.list_tags(session, **page_args(100))
    usage = {t.id: svc.usage(session, t.id) for t in page.items}
    return render_template("admin/tags.html", page=page, usage=usage, errors=errors, message=message,
                           form=request.form if errors else {}), 422 if errors else 200


@bp.route("/tags/<int:tag_id>/edit", methods=["GET", "POST"])
def tag_edit(tag_id: int):
    tag = svc.get_tag(db(), tag_id)
    errors, message = {}, None
    if request.method == "POST":
        try:
            svc.update_tag(db(), tag_id, {"name": form_str("name"), "description": form_str("description")},
                           actor())
        except ServiceError as exc:
            errors, message = exc.errors, exc.message
        else:
            flash("Tag saved.", "ok")
            return redirect(url_for("web.tags"))
    return render_template("admin/tag_form.html", tag=tag, errors=errors, message=message,
                           partial=is_partial()), 422 if errors else 200


@bp.route("/tags/<int:tag_id>/delete", methods=["GET", "POST"])
def tag_delete(tag_id: int):
    tag = svc.get_tag(db(), tag_id)
    if request.method == "POST":
        try:
            svc.delete_tag(db(), tag_id, actor())
        except ServiceError as exc:
            flash(exc.message, "error")
            return redirect(url_for("web.tags"))
        flash(f"Tag {tag.name} deleted.", "ok")
        return redirect(url_for("web.tags"))
    use = svc.usage(db(), tag_id)
    return render_template("confirm.html", partial=is_partial(), title=f"Delete tag {tag.name}?",
                           message=f"It is removed from {use['devices']} device(s) and {use['credentials']} "
                                   "credential(s); devices stay.",
                           action=url_for("web.tag_delete", tag_id=tag_id), cancel=url_for("web.tags"),
                           button="Delete tag")

# ------------------------------------------------------------------ credentials


@bp.route("/credentials")
def credentials():
    page = cred_service.list_credentials(db(), **page_args())
    return render_template("admin/credentials.html", page=page)


def _cred_data(errors: dict[str, list[str]], creating: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"name": form_str("name"), "username": form_str("username"),
                            "priority": form_int("priority", errors), "description": form_str("description"),
                            "tags": form_list("tags"),
                            # CIDRs, comma- or blank-separated; blank: any address
                            "scopes": (request.form.get("scopes") or "").replace(",", " ").split()}
    if data["priority"] is None:
        if creating:
            data["priority"] = 100
        else:
            data.pop("priority")
    for field in SECRETS:
        value = request.form.get(field) or ""
        if field == "private_key":
            value = value.strip()
        if value:
            data[field] = value
        elif request.form.get(f"clear_{field}") == "on":
            data[field] = None
    return data


def _cred_form(cred, data, errors, message=None, status=200):
    # ``data`` never carries secrets back into the page: the form is re-rendered without them.
    shown = {k: v for k, v in (data or {}).items() if k not in SECRETS}
    template = "admin/credential_form_partial.html" if is_partial() else "admin/credential_form.html"
    selected = set(shown.get("tags") or (cred.tag_names if cred else []))
    return render_template(template, cred=cred, data=shown, errors=errors, message=message,
                           all_tags=all_tags(db()), selected=selected), status


def _cred_save(cred_id: int | None):
    errors: dict[str, list[str]] = {}
    data = _cred_data(errors, cred_id is None)
    cred = cred_service.get_credential(db(), cred_id) if cred_id else None
    if errors:
        return _cred_form(cred, data, errors, "Please correct the marked fields.", 422)
    try:
        if cred is None:
            cred = cred_service.create_credential(db(), data, state().keyring, actor())
        else:
            cred = cred_service.update_credential(db(), cred.id, data, state().keyring, actor())
    except ServiceError as exc:
        return _cred_form(cred, data, exc.errors, exc.message, exc.status)
    flash(f"Credential {cred.name} saved.", "ok")
    return redirect(url_for("web.credentials"))


@bp.route("/credentials/new", methods=["GET", "POST"])
def credential_new():
    return _cred_save(None) if request.method == "POST" else _cred_form(None, {"priority": 100}, {})


@bp.route("/credentials/<int:cred_id>/edit", methods=["GET", "POST"])
def credential_edit(cred_id: int):
    if request.method == "POST":
        return _cred_save(cred_id)
    return _cred_form(cred_service.get_credential(db(), cred_id), None, {})


@bp.route("/credentials/<int:cred_id>/delete", methods=["GET", "POST"])
def credential_delete(cred_id: int):
    cred = cred_service.get_credential(db(), cred_id)
    if request.method == "POST":
        cred_service.delete_credential(db(), cred_id, actor())
        flash(f"Credential {cred.name} deleted.", "ok")
        return redirect(url_for("web.credentials"))
    return render_template("confirm.html", partial=is_partial(), title=f"Delete credential {cred.name}?",
                           message="Devices sharing its tags will no longer be tried with it.",
                           action=url_for("web.credential_delete", cred_id=cred_id),
                           cancel=url_for("web.credentials"), button="Delete credential")
