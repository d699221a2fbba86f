"""Who may call what: ONE table mapping (endpoint, HTTP method) to the roles allowed.

Endpoints are flask-smorest's ``"<blueprint>.<MethodView class>"`` names.  A before-request hook
(:func:`netraven_server.api.auth_hook.enforce`) checks every ``/api`` request against this
table; an API endpoint missing from it is refused (fail closed), and a test asserts that every
registered route has an entry for every method, then exercises each one for every role and
for anonymous callers.

Roles: ``admin`` (everything), ``operator`` (inventory, jobs, runs, configs; not users),
``viewer`` (read only).
"""

from __future__ import annotations

ROLES = ("admin", "operator", "viewer")
ANONYMOUS = "anonymous"

PUBLIC = frozenset({ANONYMOUS, *ROLES})
ANY = frozenset(ROLES)  # any authenticated user
WRITE = frozenset({"admin", "operator"})
ADMIN = frozenset({"admin"})


def _crud(collection: str, item: str, *, read=ANY, write=WRITE) -> dict[tuple[str, str], frozenset[str]]:
    return {
        (collection, "GET"): read,
        (collection, "POST"): write,
        (item, "GET"): read,
        (item, "PATCH"): write,
        (item, "DELETE"): write,
    }


PERMISSIONS: dict[tuple[str, str], frozenset[str]] = {
    # authentication; a user manages their own API tokens whatever their role
    ("auth.Login", "POST"): PUBLIC,
    ("auth.Me", "GET"): ANY,
    ("auth.Password", "POST"): ANY,
    ("tokens.Tokens", "GET"): ANY,
    ("tokens.Tokens", "POST"): ANY,
    ("tokens.TokenById", "DELETE"): ANY,
    # administration
    **_crud("users.Users", "users.UserById", read=ADMIN, write=ADMIN),
    ("audit.AuditEvents", "GET"): ADMIN,
    **_crud("notifiers.Notifiers", "notifiers.NotifierById", read=ADMIN, write=ADMIN),
    ("notifiers.NotifierTest", "POST"): ADMIN,
    ("notifiers.NotifierDeliveries", "GET"): ADMIN,
    **_crud("remotes.Remotes", "remotes.RemoteById", read=ADMIN, write=ADMIN),
    ("remotes.RemotePush", "POST"): ADMIN,
    # inventory
    **_crud("tags.Tags", "tags.TagById"),
    **_crud("devices.Devices", "devices.DeviceById"),
    ("devices.DeviceImport", "POST"): WRITE,
    ("devices.DeviceBackup", "POST"): WRITE,
    ("devices.DeviceRestore", "POST"): WRITE,
    ("devices.DevicePurge", "POST"): ADMIN,
    ("device_bulk.DeviceBulk", "POST"): WRITE,
    **_crud("credentials.Credentials", "credentials.CredentialById"),
    # compliance and the fleet inventory
    **_crud("compliance.Rules", "compliance.RuleById"),
    ("compliance.RuleImport", "POST"): WRITE,
    ("compliance.RuleExport", "GET"): ANY,
    ("compliance.RuleHistory", "GET"): ANY,
    ("compliance.Results", "GET"): ANY,
    ("compliance.ResultExport", "GET"): ANY,
    ("compliance.Summary", "GET"): ANY,
    ("fleet.Fleet", "GET"): ANY,
    ("fleet.FleetExport", "GET"): ANY,
    ("fleet.FleetHistory", "GET"): ANY,
    # jobs and their runs
    **_crud("jobs.Jobs", "jobs.JobById"),
    ("jobs.JobRun", "POST"): WRITE,
    ("jobs.JobTypes", "GET"): ANY,
    ("inventory.SourceTypes", "GET"): ANY,
    ("runs.Runs", "GET"): ANY,
    ("runs.RunById", "GET"): ANY,
    ("runs.RunResults", "GET"): ANY,
    ("runs.RunCancel", "POST"): WRITE,
    ("runs.RunRetry", "POST"): WRITE,
    ("runs.RunEvents", "GET"): ANY,  # live progress (server-sent events)
    ("logs.Logs", "GET"): ANY,
    # configurations
    ("configs.DeviceConfigs", "GET"): ANY,
    ("configs.ConfigById", "GET"): ANY,
    ("configs.ConfigDiff", "GET"): ANY,
    ("configs.ConfigSearch", "GET"): ANY,
    # system
    ("system.Status", "GET"): ANY,
    ("system.Platforms", "GET"): ANY,
    # the OpenAPI document and Swagger UI describe the API; they hold no data
    ("api-docs.openapi_json", "GET"): PUBLIC,
    ("api-docs.openapi_swagger_ui", "GET"): PUBLIC,
    ("swagger_assets.asset", "GET"): PUBLIC,
}


def register(endpoint: str, method: str, roles: frozenset[str]) -> None:
    """Declare the roles for an endpoint added by a plugin.  Call at import time, before the app
    serves requests; an endpoint already in the table must be declared with the same roles."""
    key = (endpoint, method.upper())
    if key in PERMISSIONS and PERMISSIONS[key] != roles:
        raise ValueError(f"permission for {key} already declared differently")
    PERMISSIONS[key] = frozenset(roles)


def allowed_roles(endpoint: str, method: str) -> frozenset[str] | None:
    """The roles allowed on ``endpoint`` for ``method`` (HEAD as GET), or ``None`` if undeclared."""
    method = method.upper()
    if method == "HEAD":
        method = "GET"
    return PERMISSIONS.get((endpoint, method))


def is_allowed(role: str | None, endpoint: str, method: str) -> bool:
    roles = allowed_roles(endpoint, method)
    return roles is not None and (role or ANONYMOUS) in roles
