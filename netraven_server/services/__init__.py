"""Business logic shared by the REST API, the web UI and the scheduler.

Every function takes an open SQLAlchemy session first and leaves committing to the caller (the
API commits at the end of a request; background code uses ``Database.session()``).  Problems
are raised as :mod:`netraven_server.services.errors` exceptions, which carry an HTTP status and
per-field details (``Invalid`` 422, ``NotFound`` 404, ``Conflict`` 409, ``AuthFailed`` 401,
``Forbidden`` 403, ``Throttled`` 429), so every caller reports them the same way.

Typical use outside a request (the web UI gets ``state = app.extensions["netraven"]``, an
:class:`netraven_server.app.AppState` with ``db``, ``keyring``, ``storage``, ``policy``)::

    from netraven_server.services import devices, credentials, configs
    from netraven_server.services.context import Actor

    with state.db.session() as s:                       # commits at the end
        page = devices.list_devices(s, tag="core", sort="-last_backup_at", page=1, size=50)
        dev = devices.create_device(s, {"hostname": "r1", "platform": "cisco_ios", "tags": ["core"]},
                                    Actor.of(user, remote_addr))
        credentials.create_credential(s, {...}, state.keyring, actor)
        diff = configs.diff(s, state.storage, from_id, to_id, context=3)

Modules: ``tags``, ``devices``, ``credentials`` (``to_core``/``inventory_for`` decrypt for the
engine), ``importer``, ``jobs`` (``start_run``), ``runs`` (read side + ``dispatch``),
``logs``, ``configs`` (history/text/diff/search/``record_versions``), ``users``, ``auth``
(login with throttling, tokens), ``audit``, ``system``, ``keys`` (re-encryption),
``addressguard`` (who may aim a device at an address, given the credentials' scopes).
"""
