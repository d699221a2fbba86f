"""Real receivers on 127.0.0.1 for notification tests: an SMTP server (aiosmtpd, STARTTLS and
AUTH required) and an HTTP server that records JSON posts."""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SMTP_USER = "mailer"
SMTP_PASSWORD = "smtp-s3cret-pw"


def self_signed_context(tmp_path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "smtp.crt", tmp_path / "smtp.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert_file, key_file)
    return ctx


def free_port() -> int:
    # aiosmtpd's controller probes its own port on start, so it needs a concrete one (not 0).
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages: list[dict] = []
        self.event = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
                              "data": envelope.content.decode("utf-8", "replace"),
                              "tls": session.ssl is not None, "auth": session.authenticated})
        self.event.set()
        return "250 Message accepted"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # unhandled failure -> aiosmtpd answers 535


class SmtpServer:
    """An SMTP server requiring STARTTLS and AUTH; ``inbox.messages`` holds what arrived."""

    def __init__(self, tmp_path):
        self.inbox = _Inbox()
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=free_port(), tls_context=self_signed_context(tmp_path),
            require_starttls=True, authenticator=_authenticator, auth_required=True,
            auth_require_tls=True)

    def __enter__(self):
        self.controller.start()
        self.port = self.controller.port
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def config(self, **over) -> dict:
        cfg = {"smtp_host": "127.0.0.1", "smtp_port": self.port, "smtp_security": "starttls",
               "smtp_verify": False, "smtp_username": SMTP_USER, "smtp_password": SMTP_PASSWORD,
               "from_address": "netraven@example.test", "to": ["noc@example.test"]}
        cfg.update(over)
        return cfg

    def wait(self, count: int = 1, timeout: float = 10.0) -> list[dict]:
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while len(self.inbox.messages) < count and not deadline.is_set():
                self.inbox.event.wait(0.05)
        finally:
            timer.cancel()
        return self.inbox.messages


class HttpReceiver:
    """Records every POST body; ``status`` sets what it answers (e.g. 500 to test retries)."""

    def __init__(self):
        self.posts: list[dict] = []
        self.status = 200
        self.headers: dict[str, str] = {}  # extra answer headers (e.g. Location with a 302)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.posts.append({"path": self.path, "json": json.loads(body or b"null"),
                                       "raw": body.decode("utf-8", "replace"),
                                       "authorization": self.headers.get("Authorization"),
                                       "host": self.headers.get("Host")})
                self.send_response(receiver.status)
                for name, value in receiver.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def wait(self, count: int = 1, timeout: float = 10.0) -> list[dict]:
        import time

        end = time.monotonic() + timeout
        while len(self.posts) < count and time.monotonic() < end:
            time.sleep(0.05)
        return self.posts
