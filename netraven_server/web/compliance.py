"""Compliance pages: the rules x devices matrix (filters: tag, platform, severity, status), a
rule's page with its history ("failing since version N, changed by X"), rule editing as YAML
(the same validation as the API and ``netraven check``), import and export."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from netraven_core.compliance import RuleError, load_rules
from netraven_core.compliance.rules import SEVERITIES, dump_rules

from ..api.compliance import CSV_COLUMNS, _cell
from ..api.csvout import csv_response
from ..db.models import ComplianceRule, Device, Tag
from ..services import compliance as svc
from ..services.compliance_state import core_rule
from ..services.errors import ServiceError
from ..services.pagination import Page
from .blueprint import bp
from .common import actor, db, is_partial, page_args, state


def _filters() -> dict:
    severity = request.args.get("severity")
    status = request.args.get("status")
    return {"tag": (request.args.get("tag") or "").strip().lower()[:64] or None,
            "platform": (request.args.get("platform") or "").strip()[:64] or None,
            "severity": severity if severity in SEVERITIES else None,
            "status": status if status in ("pass", "fail") else None}


@bp.route("/compliance")
def compliance():
    session = db()
    f = _filters()
    rules_q = select(ComplianceRule).order_by(ComplianceRule.key)
    if f["severity"]:
        rules_q = rules_q.where(ComplianceRule.severity == f["severity"])
    rules = session.scalars(rules_q).all()
    matrix: dict[str, dict] = {}
    for item in svc.all_results(session, **f):
        row = matrix.setdefault(item["hostname"], {"device_id": item["device_id"],
                                                   "platform": item["platform"], "cells": {}, "failing": 0})
        row["cells"][item["rule_id"]] = item
        row["failing"] += item["status"] == "fail"
    hosts = sorted(matrix, key=lambda h: (-matrix[h]["failing"], h))
    paging = page_args(50)
    start = (paging["page"] - 1) * paging["size"]
    page = Page(hosts[start:start + paging["size"]], len(hosts), paging["page"], paging["size"])
    platforms = session.scalars(select(Device.platform).distinct().order_by(Device.platform)).all()
    tags = session.scalars(select(Tag.name).order_by(Tag.name)).all()
    return render_template("compliance/index.html", rules=rules, matrix=matrix, page=page, f=f,
                           summary={s["rule_id"]: s for s in svc.summary(session)}, severities=SEVERITIES,
                           platforms=platforms, tags=tags)


@bp.route("/compliance/rules/<int:rule_id>")
def compliance_rule(rule_id: int):
    session = db()
    rule = svc.get_rule(session, rule_id)
    results = svc.all_results(session, rule_id=rule_id)
    results.sort(key=lambda r: (r["status"] != "fail", r["hostname"]))
    history = svc.history(session, rule_id, **page_args(50))
    return render_template("compliance/rule.html", rule=rule, results=results, history=history,
                           yaml_text=dump_rules([core_rule(rule)]))


def _one_rule(text: str) -> dict:
    rules = load_rules(text, source="rule")
    if len(rules) != 1:
        raise RuleError("give exactly one rule", source="rule")
    return rules[0].as_dict()


TEMPLATE = """rules:
  - key: my-rule
    title: What the rule checks
    severity: medium
    platforms: [cisco_ios]
    match: present        # present | absent | value
    pattern: '^service password-encryption$'
    remediation: service password-encryption
"""


@bp.route("/compliance/rules/new", methods=["GET", "POST"], defaults={"rule_id": None})
@bp.route("/compliance/rules/<int:rule_id>/edit", methods=["GET", "POST"])
def compliance_rule_edit(rule_id: int | None):
    session = db()
    rule = svc.get_rule(session, rule_id) if rule_id else None
    text = dump_rules([core_rule(rule)]) if rule else TEMPLATE
    error = None
    if request.method == "POST":
        text = request.form.get("yaml") or ""
        try:
            data = _one_rule(text)
            saved = (svc.update_rule(session, state().storage, rule.id, data, actor()) if rule
                     else svc.create_rule(session, state().storage, data, actor()))
        except RuleError as exc:
            error = str(exc)
        except ServiceError as exc:
            error = exc.message
        else:
            flash(f"Rule {saved.key} saved and evaluated over the stored history.", "ok")
            return redirect(url_for("web.compliance_rule", rule_id=saved.id))
    return render_template("compliance/edit.html", rule=rule, text=text, error=error), (422 if error else 200)


@bp.route("/compliance/rules/<int:rule_id>/delete", methods=["GET", "POST"])
def compliance_rule_delete(rule_id: int):
    rule = svc.get_rule(db(), rule_id)
    if request.method == "POST":
        svc.delete_rule(db(), rule_id, actor())
        flash(f"Rule {rule.key} deleted.", "ok")
        return redirect(url_for("web.compliance"))
    return render_template("confirm.html", partial=is_partial(), title=f"Delete rule {rule.key}?",
                           message="The rule, its results and its history are removed.",
                           action=url_for("web.compliance_rule_delete", rule_id=rule_id),
                           cancel=url_for("web.compliance_rule", rule_id=rule_id), button="Delete rule")


@bp.route("/compliance/import", methods=["GET", "POST"])
def compliance_import():
    result = error = None
    text = ""
    if request.method == "POST":
        upload = request.files.get("file")
        text = upload.read(1_000_001).decode("utf-8", "replace") if upload and upload.filename else (
            request.form.get("content") or "")
        try:
            result = svc.import_yaml(db(), state().storage, text, replace=request.form.get("replace") == "on",
                                     actor=actor())
        except ServiceError as exc:
            error = "; ".join(" ".join(v) for v in exc.errors.values()) or exc.message
    return render_template("compliance/import.html", result=result, error=error, text=text), (
        422 if error else 200)


@bp.route("/compliance/rules.yaml")
def compliance_export_rules():
    return Response(svc.export_yaml(db()), mimetype="application/yaml",
                    headers={"Content-Disposition": "attachment; filename=compliance-rules.yaml"})


@bp.route("/compliance/results.csv")
def compliance_export_results():
    f = _filters()
    items = svc.all_results(db(), **f)
    return csv_response(CSV_COLUMNS, ([_cell(i, c) for c in CSV_COLUMNS] for i in items),
                        "compliance-results.csv")


def device_compliance(session, device_id: int) -> list[dict]:
    """The compliance section of the device page: failing rules first."""
    items = svc.all_results(session, device_id=device_id)
    return sorted(items, key=lambda r: (r["status"] != "fail", SEVERITIES.index(r["severity"]), r["rule"]))
