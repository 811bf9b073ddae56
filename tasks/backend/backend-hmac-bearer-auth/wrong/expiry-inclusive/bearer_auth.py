"""HMAC-SHA256 signed bearer tokens and a WSGI middleware that enforces them."""

import base64
import binascii
import hashlib
import hmac
import json
import re

_PART_RE = re.compile(r"[A-Za-z0-9_-]+")


class InvalidToken(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(payload_part, secret):
    return _b64encode(hmac.new(secret, payload_part.encode("ascii"), hashlib.sha256).digest())


def issue_token(subject, scopes, secret, now, ttl):
    if not isinstance(subject, str) or not subject:
        raise ValueError("subject must be a non-empty string")
    if not isinstance(secret, bytes) or not secret:
        raise ValueError("secret must be non-empty bytes")
    if not _is_int(now):
        raise ValueError("now must be an int")
    if not _is_int(ttl) or ttl <= 0:
        raise ValueError("ttl must be a positive int")
    scopes = sorted(set(scopes))
    if not all(isinstance(s, str) for s in scopes):
        raise ValueError("scopes must be strings")
    payload = {"sub": subject, "exp": now + ttl, "scopes": scopes}
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    payload_part = _b64encode(body)
    return payload_part + "." + _sign(payload_part, secret)


def verify_token(token, secret, now):
    if not isinstance(token, str):
        raise InvalidToken("malformed")
    parts = token.split(".")
    if len(parts) != 2 or not all(_PART_RE.fullmatch(p) for p in parts):
        raise InvalidToken("malformed")
    payload_part, signature_part = parts
    if not hmac.compare_digest(_sign(payload_part, secret), signature_part):
        raise InvalidToken("bad_signature")
    try:
        payload = json.loads(_b64decode(payload_part).decode("utf-8"))
    except (binascii.Error, ValueError):
        raise InvalidToken("malformed") from None
    if not (
        isinstance(payload, dict)
        and isinstance(payload.get("sub"), str)
        and _is_int(payload.get("exp"))
        and isinstance(payload.get("scopes"), list)
        and all(isinstance(s, str) for s in payload["scopes"])
    ):
        raise InvalidToken("malformed")
    if now > payload["exp"]:
        raise InvalidToken("expired")
    return payload


def _reject(start_response, status, body, challenge):
    data = json.dumps(body).encode("utf-8")
    start_response(status, [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(data))),
        ("WWW-Authenticate", challenge),
    ])
    return [data]


def require_auth(app, secret, clock, required_scope=None):
    def middleware(environ, start_response):
        now = clock()
        header = environ.get("HTTP_AUTHORIZATION", "")
        words = header.split()
        if len(words) != 2 or words[0].lower() != "bearer":
            return _reject(start_response, "401 Unauthorized", {"error": "missing_token"},
                           'Bearer realm="api"')
        try:
            payload = verify_token(words[1], secret, now)
        except InvalidToken as exc:
            return _reject(start_response, "401 Unauthorized",
                           {"error": "invalid_token", "reason": exc.reason},
                           'Bearer realm="api", error="invalid_token"')
        if required_scope is not None and required_scope not in payload["scopes"]:
            return _reject(start_response, "403 Forbidden",
                           {"error": "insufficient_scope", "required_scope": required_scope},
                           f'Bearer realm="api", error="insufficient_scope", scope="{required_scope}"')
        environ["auth.subject"] = payload["sub"]
        environ["auth.scopes"] = payload["scopes"]
        return app(environ, start_response)

    return middleware
