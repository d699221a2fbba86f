"""Property-based fuzzing of the whole API from its OpenAPI document (schemathesis, in-process).

Every operation gets valid-looking and deliberately invalid requests (positive and negative
generation), authenticated as an admin so the views themselves run; no response may be a 5xx.
The number of examples is bounded so the run stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

EXAMPLES = 8
# Operations that would lock the fuzzer out of its own account are run last.
LAST = ("/api/users", "/api/auth/password", "/api/auth/login", "/api/tokens")


def _operations(schema):
    ops = [result.ok() for result in schema.get_all_operations()]
    return sorted(ops, key=lambda op: (op.path.startswith(LAST), op.path, op.method))


@pytest.mark.slow
def test_no_server_errors(app, api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "fuzz1", "platform": "cisco_ios", "tags": ["core"]})
    api.ok("POST", "/api/jobs", 201, json={"name": "fuzz-job", "tags": ["core"]})
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    auth = {"Authorization": f"Bearer {api.tokens['admin']}"}
    failures: list[str] = []
    seen: dict[int, int] = {}
    for op in _operations(schema):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                strategy = op.as_strategy(generation_mode=mode)
            except Exception as exc:  # an operation schemathesis cannot generate for (e.g. no params)
                if mode is GenerationMode.NEGATIVE:
                    continue
                raise AssertionError(f"{op.method} {op.path}: {exc}") from exc

            @given(case=strategy)
            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            def check(case):
                response = case.call(headers=auth)
                seen[response.status_code // 100] = seen.get(response.status_code // 100, 0) + 1
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {case.query!r} {case.body!r} -> "
                                    f"{response.status_code} {response.text[:200]}")
                elif response.status_code >= 400:
                    content_type = (response.headers.get("content-type") or [""])[0]
                    if not content_type.startswith("application/json"):
                        failures.append(f"{case.method} {case.formatted_path}: non-JSON error {content_type}")

            check()
    assert failures == [], "\n".join(failures[:20])
    # the fuzzer reached the views: both successes and refusals happened
    assert seen.get(2, 0) > 50 and seen.get(4, 0) > 50, seen
