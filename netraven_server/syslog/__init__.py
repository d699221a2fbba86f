"""Event-driven backups: a syslog receiver that backs up a device soon after it logs a
configuration change, recording who made it (``docs/integrations.md``).

:mod:`.parse` reads RFC 3164 and RFC 5424 messages, :mod:`.changes` recognises the vendors'
configuration-change messages and the user they name, :mod:`.debounce` turns bursts into one
backup per device, :mod:`.trigger` maps the sender to a device and starts the backup, and
:mod:`.receiver` listens on UDP and TCP.
"""
