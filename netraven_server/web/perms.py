"""The UI's permission table: which roles may GET a page or POST its form.

It uses the API table's role sets (:mod:`netraven_server.security.permissions`: viewers read,
operators and admins change inventory and jobs, admins manage users and notifiers; everybody
manages their own API tokens), so a role may do the same things in both.  It is kept apart from
the API table because that one is checked route-for-route against ``/api``.  The guard refuses
any UI endpoint missing here (fail closed), and templates hide a button when :func:`is_allowed`
says its form would be refused.
"""

from __future__ import annotations

from ..security.permissions import ADMIN, ANONYMOUS, ANY, PUBLIC, WRITE

# endpoint -> {method: roles}
WEB_PERMISSIONS: dict[str, dict[str, frozenset[str]]] = {
    "web.static": {"GET": PUBLIC},
    "web.favicon": {"GET": PUBLIC},
    "web.login": {"GET": PUBLIC, "POST": PUBLIC},
    "web.logout": {"POST": PUBLIC},
    "web.account": {"GET": ANY, "POST": ANY},
    "web.dashboard": {"GET": ANY},
    # devices
    "web.devices": {"GET": ANY},
    "web.device_new": {"GET": WRITE, "POST": WRITE},
    "web.device_edit": {"GET": WRITE, "POST": WRITE},
    "web.device_delete": {"GET": WRITE, "POST": WRITE},
    "web.device_import": {"GET": WRITE, "POST": WRITE},
    "web.device_detail": {"GET": ANY},
    "web.device_backup": {"POST": WRITE},
    "web.device_restore": {"POST": WRITE},
    "web.device_purge": {"GET": ADMIN, "POST": ADMIN},
    "web.devices_bulk": {"POST": WRITE},
    "web.credentials_preview": {"GET": ANY},
    # configurations
    "web.config_view": {"GET": ANY},
    "web.config_raw": {"GET": ANY},
    "web.diff_patch": {"GET": ANY},
    "web.diff": {"GET": ANY},
    "web.search": {"GET": ANY},
    # compliance and the fleet inventory
    "web.compliance": {"GET": ANY},
    "web.compliance_rule": {"GET": ANY},
    "web.compliance_rule_edit": {"GET": WRITE, "POST": WRITE},
    "web.compliance_rule_delete": {"GET": WRITE, "POST": WRITE},
    "web.compliance_import": {"GET": WRITE, "POST": WRITE},
    "web.compliance_export_rules": {"GET": ANY},
    "web.compliance_export_results": {"GET": ANY},
    "web.fleet": {"GET": ANY},
    "web.fleet_export": {"GET": ANY},
    # jobs and runs
    "web.jobs": {"GET": ANY},
    "web.job_new": {"GET": WRITE, "POST": WRITE},
    "web.job_edit": {"GET": WRITE, "POST": WRITE},
    "web.job_delete": {"GET": WRITE, "POST": WRITE},
    "web.job_toggle": {"POST": WRITE},
    "web.job_run": {"POST": WRITE},
    "web.cron_preview": {"GET": ANY},
    "web.runs": {"GET": ANY},
    "web.run_detail": {"GET": ANY},
    "web.run_events": {"GET": ANY},
    "web.run_cancel": {"POST": WRITE},
    "web.run_retry": {"POST": WRITE},
    "web.logs": {"GET": ANY},
    # administration
    "web.tags": {"GET": ANY, "POST": WRITE},
    "web.tag_edit": {"GET": WRITE, "POST": WRITE},
    "web.tag_delete": {"GET": WRITE, "POST": WRITE},
    "web.credentials": {"GET": ANY},
    "web.credential_new": {"GET": WRITE, "POST": WRITE},
    "web.credential_edit": {"GET": WRITE, "POST": WRITE},
    "web.credential_delete": {"GET": WRITE, "POST": WRITE},
    "web.notifiers": {"GET": ADMIN},
    "web.notifier_new": {"GET": ADMIN, "POST": ADMIN},
    "web.notifier_edit": {"GET": ADMIN, "POST": ADMIN},
    "web.notifier_delete": {"GET": ADMIN, "POST": ADMIN},
    "web.notifier_test": {"POST": ADMIN},
    "web.remotes": {"GET": ADMIN, "POST": ADMIN},
    "web.remote_push": {"POST": ADMIN},
    "web.remote_toggle": {"POST": ADMIN},
    "web.remote_delete": {"POST": ADMIN},
    "web.users": {"GET": ADMIN},
    "web.audit": {"GET": ADMIN},
    "web.user_new": {"GET": ADMIN, "POST": ADMIN},
    "web.user_edit": {"GET": ADMIN, "POST": ADMIN},
    "web.user_delete": {"GET": ADMIN, "POST": ADMIN},
    # everybody manages their own API tokens (as in the API)
    "web.tokens": {"GET": ANY, "POST": ANY},
    "web.token_revoke": {"POST": ANY},
}



def allowed_roles(endpoint: str, method: str) -> frozenset[str] | None:
    """The roles allowed on a UI ``endpoint`` (HEAD as GET), or ``None`` if undeclared."""
    method = method.upper()
    return WEB_PERMISSIONS.get(endpoint, {}).get("GET" if method == "HEAD" else method)


def is_allowed(role: str | None, endpoint: str, method: str) -> bool:
    roles = allowed_roles(endpoint, method)
    return roles is not None and (role or ANONYMOUS) in roles
