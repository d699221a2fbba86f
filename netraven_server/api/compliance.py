"""``/api/compliance``: rules (CRUD, YAML import/export), results per device x rule (JSON, CSV),
a rule's history of failures and fixes, and the per-rule summary."""

from __future__ import annotations

import copy

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from netraven_core.compliance.rules import MATCHES, SEVERITIES

from ..services import compliance as svc
from .common import PageArgs, actor, page_of, page_response, session, state
from .csvout import csv_response
from .fields import Id, Str, sort_field

blp = Blueprint("compliance", __name__, url_prefix="/api/compliance",
                description="Compliance rules and results")

class RuleSchema(Schema):
    id = fields.Integer(dump_only=True)
    key = Str(required=True, max_length=100, metadata={"description": "a-z, 0-9, '.', '_', '-'"})
    title = Str(required=True)
    description = Str(max_length=4000)
    severity = Str(validate=validate.OneOf(SEVERITIES), metadata={"description": "default medium"})
    platforms = fields.List(Str(max_length=64), validate=validate.Length(max=100))
    tags = fields.List(Str(max_length=64), validate=validate.Length(max=100))
    parent = Str(allow_none=True, max_length=1000, metadata={"description": "regex of the block lines"})
    match = Str(required=True, validate=validate.OneOf(MATCHES))
    pattern = Str(required=True, max_length=1000, metadata={"description": "regular expression"})
    allowed = fields.List(Str(max_length=255), validate=validate.Length(max=200))
    required = fields.Boolean()
    remediation = Str(max_length=4000)
    enabled = fields.Boolean()
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


def _optional(field: fields.Field) -> fields.Field:
    field = copy.copy(field)
    field.required = False
    return field


# PATCH: the same fields, none required (the merged rule is validated as a whole).
RuleUpdateSchema = type("RuleUpdateSchema", (Schema,),
                        {name: _optional(f) for name, f in RuleSchema._declared_fields.items()})


class RuleQuerySchema(PageArgs):
    severity = Str(validate=validate.OneOf(SEVERITIES))
    q = Str(max_length=100, metadata={"description": "substring of the key or title"})
    sort = sort_field(svc.SORTS)


class RuleImportSchema(Schema):
    yaml = Str(required=True, max_length=1_000_000, metadata={"description": "a rules document"})
    replace = fields.Boolean(load_default=False, metadata={"description": "delete rules the file lacks"})


class RuleImportResultSchema(Schema):
    created = fields.List(fields.String())
    updated = fields.List(fields.String())
    unchanged = fields.List(fields.String())
    deleted = fields.List(fields.String())


class VersionRefSchema(Schema):
    id = fields.Integer()
    number = fields.Integer(metadata={"description": "1 = the device's first stored version"})
    retrieved_at = fields.DateTime()
    storage_ref = fields.String()
    changed_by = fields.String(allow_none=True)
    previous_id = fields.Integer(allow_none=True, metadata={"description": "the version before (diff from)"})


class ResultSchema(Schema):
    rule_id = fields.Integer()
    rule = fields.String()
    title = fields.String()
    severity = fields.String()
    device_id = fields.Integer()
    hostname = fields.String()
    platform = fields.String()
    tags = fields.List(fields.String())
    status = fields.String(metadata={"description": "pass or fail"})
    findings = fields.List(fields.String())
    evaluated_at = fields.DateTime()
    version = fields.Nested(VersionRefSchema, allow_none=True)
    failing_since = fields.Nested(VersionRefSchema, allow_none=True)
    fixed_in = fields.Nested(VersionRefSchema, allow_none=True)
    changed_by = fields.String(allow_none=True,
                               metadata={"description": "who made the breaking or fixing change"})
    remediation = fields.String()


class ResultQuerySchema(PageArgs):
    rule_id = Id()
    device_id = Id()
    tag = Str(max_length=64)
    platform = Str(max_length=64)
    severity = Str(validate=validate.OneOf(SEVERITIES))
    status = Str(validate=validate.OneOf(("pass", "fail")))


class EventSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "failed or fixed"})
    at = fields.DateTime()
    device_id = fields.Integer()
    hostname = fields.String()
    version = fields.Nested(VersionRefSchema, allow_none=True)
    changed_by = fields.String(allow_none=True)
    findings = fields.List(fields.String())


class HistoryQuerySchema(PageArgs):
    device_id = Id()


class SummarySchema(Schema):
    rule_id = fields.Integer()
    rule = fields.String()
    severity = fields.String()
    passing = fields.Integer(metadata={"description": "devices that pass the rule"})
    failing = fields.Integer(metadata={"description": "devices that fail it"})


@blp.route("/rules")
class Rules(MethodView):
    @blp.arguments(RuleQuerySchema, location="query")
    @blp.response(200, page_of(RuleSchema))
    def get(self, args):
        """List compliance rules (filters: severity, q; sort: key, severity, updated_at)."""
        return page_response(svc.list_rules(session(), **args))

    @blp.arguments(RuleSchema)
    @blp.response(201, RuleSchema)
    def post(self, data):
        """Create a rule; it is evaluated at once over every stored version of the devices it selects."""
        return svc.create_rule(session(), state().storage, data, actor())


@blp.route("/rules/<id:rule_id>")
class RuleById(MethodView):
    @blp.response(200, RuleSchema)
    def get(self, rule_id):
        """One rule."""
        return svc.get_rule(session(), rule_id)

    @blp.arguments(RuleUpdateSchema)
    @blp.response(200, RuleSchema)
    def patch(self, data, rule_id):
        """Change a rule; a change to what it checks re-evaluates it over the history."""
        return svc.update_rule(session(), state().storage, rule_id, data, actor())

    @blp.response(204)
    def delete(self, rule_id):
        """Delete a rule with its results and history."""
        svc.delete_rule(session(), rule_id, actor())


@blp.route("/rules/import")
class RuleImport(MethodView):
    @blp.arguments(RuleImportSchema)
    @blp.response(200, RuleImportResultSchema)
    def post(self, data):
        """Create or update rules from a YAML document (by key); all or nothing, errors name the
        line and field.  ``replace`` also deletes the rules the document lacks."""
        return svc.import_yaml(session(), state().storage, data["yaml"], replace=data["replace"],
                               actor=actor())


# the YAML document, as a client that parses it sees it
RULES_DOCUMENT = {"type": "object", "properties": {"rules": {"type": "array", "items": {"type": "object"}}}}


@blp.route("/rules/export")
class RuleExport(MethodView):
    @blp.response(200, RULES_DOCUMENT, content_type="application/yaml")
    def get(self):
        """Every rule as a YAML document (``netraven check --rules`` reads it)."""
        return Response(svc.export_yaml(session()), mimetype="application/yaml",
                        headers={"Content-Disposition": "attachment; filename=compliance-rules.yaml"})


@blp.route("/rules/<id:rule_id>/history")
class RuleHistory(MethodView):
    @blp.arguments(HistoryQuerySchema, location="query")
    @blp.response(200, page_of(EventSchema))
    def get(self, args, rule_id):
        """When each device started failing the rule and when it was fixed, newest first, with the
        version and who changed it where known."""
        args.pop("sort", None)  # always newest first
        return page_response(svc.history(session(), rule_id, **args))


@blp.route("/results")
class Results(MethodView):
    @blp.arguments(ResultQuerySchema, location="query")
    @blp.response(200, page_of(ResultSchema))
    def get(self, args):
        """Results per device x rule (filters: rule_id, device_id, tag, platform, severity, status)."""
        args.pop("sort", None)
        return page_response(svc.results(session(), **args))


CSV_COLUMNS = ("hostname", "platform", "rule", "severity", "status", "failing_since", "fixed_in",
               "changed_by", "evaluated_at", "findings")


def _cell(item: dict, column: str) -> object:
    value = item.get(column)
    if column in ("failing_since", "fixed_in"):
        return f"{value['number']} ({value['storage_ref'][:12]})" if value else ""
    if column == "findings":
        return " | ".join(value or [])
    return value


@blp.route("/results/export")
class ResultExport(MethodView):
    @blp.arguments(ResultQuerySchema, location="query")
    @blp.response(200, {"type": "string"}, content_type="text/csv")
    def get(self, args):
        """The filtered results as CSV (every page)."""
        args.pop("sort", None)
        args.pop("page", None)
        args.pop("size", None)
        items = svc.all_results(session(), **args)
        rows = ([_cell(i, c) for c in CSV_COLUMNS] for i in items)
        return csv_response(CSV_COLUMNS, rows, "compliance-results.csv")


@blp.route("/summary")
class Summary(MethodView):
    @blp.response(200, SummarySchema(many=True))
    def get(self):
        """Per rule: how many devices pass and fail it."""
        return svc.summary(session())
