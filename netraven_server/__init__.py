"""NetRaven server: persistence, REST API, web UI and scheduled service."""
