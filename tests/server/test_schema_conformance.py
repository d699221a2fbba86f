"""Schema conformance: schemathesis runs every operation of the OpenAPI document with every
check it has (status codes, content types, response schemas and headers, schema-violating data
refused, schema-valid data accepted...), a bounded number of examples each, positive and
negative generation.  The fuzz test next door only looks for 5xx; this one holds the API to
what its document says.

What a JSON Schema cannot say is listed in KNOWN, each with the reason, and matched on the
refusal's own message, so any other refusal of valid data still fails the test."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

EXAMPLES = 6
# Operations that would lock the run out of its own account go last (as in test_fuzz_openapi).
LAST = ("/api/users", "/api/auth/password", "/api/auth/login", "/api/tokens")
# (method, path, text of the 422) of refusals that depend on the database or on rules a schema
# cannot express.
KNOWN = (
    # targets must exist: tag and device names are checked against the inventory
    ("POST", "/api/jobs", "unknown device"), ("POST", "/api/jobs", "unknown tag"),
    ("PATCH", "/api/jobs/{job_id}", "unknown device"), ("PATCH", "/api/jobs/{job_id}", "unknown tag"),
    # a token's expiry must lie in the future: a rule about the clock, not the shape
    ("POST", "/api/tokens", "must be in the future"),
    # which options a job takes depends on its job type (backup, reachability, a plugin's)
    ("POST", "/api/jobs", "options"), ("PATCH", "/api/jobs/{job_id}", "options"),
    # which fields a notifier needs depends on its type (url; SMTP fields; a plugin's options),
    # and the URL's host must pass the outbound policy (resolved at save time)
    ("POST", "/api/notifiers", ""), ("PATCH", "/api/notifiers/{notifier_id}", ""),
    # the content is a YAML/CSV document; its rows are reported, a broken document is a 422
    ("POST", "/api/devices/import", "content"),
    # telnet only for platforms that have a telnet login
    ("POST", "/api/devices", "telnet"), ("PATCH", "/api/devices/{device_id}", "telnet"),
    # a compliance rule's fields depend on its kind (line, child, value: values needed), and its
    # patterns must compile and must not backtrack exponentially
    ("POST", "/api/compliance/rules", ""), ("PATCH", "/api/compliance/rules/{rule_id}", ""),
    ("POST", "/api/compliance/rules/import", "yaml"),
    # the tag actions of a bulk request need a tag, the others none
    ("POST", "/api/devices/bulk", "required for this action"),
    # a remote's URL is one of several address forms (https, ssh, scp-like, a local path)
    ("POST", "/api/remotes", "url"), ("PATCH", "/api/remotes/{remote_id}", "url"),
)
FREE_FORM = ("vars", "options")  # bounded JSON: no NUL, integers within 2**53, 10 levels, 64 KiB


def _operations(schema):
    ops = [result.ok() for result in schema.get_all_operations()]
    return sorted(ops, key=lambda op: (op.path.startswith(LAST), op.path, op.method))


def _plain(value, depth: int = 0) -> bool:
    if depth > 10:
        return False
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_plain(k, depth) and _plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v, depth + 1) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) <= 2**53  # what a JSON reader in a browser keeps exactly
    return not isinstance(value, float) or abs(value) < float("inf")


def _counts_as_valid(case) -> bool:
    """Whether a positive case really is valid: the document cannot bound free-form JSON."""
    body = case.body if isinstance(case.body, dict) else {}
    return all(_plain(body[k]) and len(repr(body[k])) <= 64 * 1024 for k in FREE_FORM if k in body)


def _titles(exc: BaseException) -> list[str]:
    inner = getattr(exc, "exceptions", None)
    if inner:
        return [t for e in inner for t in _titles(e)]
    return [getattr(exc, "title", None) or type(exc).__name__]


def _known(case, text: str) -> bool:
    return any(case.method == m and case.path == p and needle in text for m, p, needle in KNOWN)


def _run(op, mode, auth, failures) -> None:
    @given(case=op.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def check(case):
        if mode is GenerationMode.POSITIVE and not _counts_as_valid(case):
            return
        if mode is GenerationMode.NEGATIVE and case.media_type not in (None, "application/json"):
            return  # a text/csv or YAML body is any text on the wire, whatever was generated
        try:
            case.call_and_validate(headers=auth)
        except BaseException as exc:  # schemathesis raises a FailureGroup of its checks
            if isinstance(exc, KeyboardInterrupt):
                raise
            text = str(exc)
            for title in _titles(exc):
                if title == "Schema-valid request rejected" and _known(case, text):
                    continue
                failures.setdefault(f"{case.method} {case.path} [{mode.value}] {title}",
                                    f"{case.formatted_path} query={case.query!r} "
                                    f"body={str(case.body)[:200]!r} -> {text[-300:]!r}")

    check()


@pytest.mark.slow
def test_every_operation_conforms_to_the_document(app, api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "conf1", "platform": "cisco_ios", "tags": ["core"]})
    api.ok("POST", "/api/jobs", 201, json={"name": "conf-job", "tags": ["core"]})
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    auth = {"Authorization": f"Bearer {api.tokens['admin']}"}
    failures: dict[str, str] = {}
    for op in _operations(schema):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                op.as_strategy(generation_mode=mode)
            except Exception as exc:  # nothing to break in this mode (no parameters, no body)
                assert mode is GenerationMode.NEGATIVE, f"{op.method} {op.path}: {exc}"
                continue
            _run(op, mode, auth, failures)
    assert not failures, "\n".join(f"{k}\n    e.g. {v}" for k, v in sorted(failures.items())[:60])
