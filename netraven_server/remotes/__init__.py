"""Pushing the configuration repository to git remotes (``docs/integrations.md``).

:mod:`.gitpush` runs one ``git push`` with the remote's credentials (HTTPS token through
``GIT_ASKPASS``, SSH key through ``GIT_SSH_COMMAND``; neither ever on a command line or in a
message); :mod:`.pushing` decides when (after each run, then with backoff while a remote
fails) and records the outcome; :mod:`.manage` is the CRUD behind ``/api/remotes``.
"""
