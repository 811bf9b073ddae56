import base64
import hashlib
import hmac
import io
import json
from wsgiref.util import setup_testing_defaults

import pytest

from bearer_auth import InvalidToken, issue_token, require_auth, verify_token

SECRET = b"test-secret-key"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_token(payload, secret=SECRET, raw=None):
    body = raw if raw is not None else json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    part = b64(body)
    return part + "." + b64(hmac.new(secret, part.encode("ascii"), hashlib.sha256).digest())


def reason_of(token, now=1000, secret=SECRET):
    with pytest.raises(InvalidToken) as info:
        verify_token(token, secret, now)
    return info.value.reason


def test_issue_token_exact_format():
    token = issue_token("alice", ["write", "read", "read"], SECRET, now=1000, ttl=60)
    assert token == make_token({"sub": "alice", "exp": 1060, "scopes": ["read", "write"]})
    assert "=" not in token


def test_issue_token_non_ascii_subject_and_no_scopes():
    token = issue_token("zoë", [], SECRET, now=5, ttl=1)
    assert token == make_token({"sub": "zoë", "exp": 6, "scopes": []})


def test_round_trip_and_expiry_boundary():
    token = issue_token("alice", ["write", "read"], SECRET, now=1000, ttl=60)
    assert verify_token(token, SECRET, 1000) == {"sub": "alice", "exp": 1060, "scopes": ["read", "write"]}
    assert verify_token(token, SECRET, 1059)["sub"] == "alice"
    assert reason_of(token, now=1060) == "expired"
    assert reason_of(token, now=99999) == "expired"


@pytest.mark.parametrize("token", [
    None, 42, b"abc.def", "", "abc", "abc.", ".abc", "a.b.c", "abc def.ghi", "abc=.def", "ab+c.d/ef",
])
def test_malformed_tokens(token):
    assert reason_of(token) == "malformed"


def test_bad_signature():
    token = issue_token("alice", ["read"], SECRET, now=1000, ttl=60)
    assert reason_of(token, secret=b"other-secret") == "bad_signature"
    payload_part, sig = token.split(".")
    forged = make_token({"sub": "mallory", "exp": 1060, "scopes": ["read"]}, secret=b"guess")
    assert reason_of(forged.split(".")[0] + "." + sig) == "bad_signature"
    flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
    assert reason_of(payload_part + "." + flipped) == "bad_signature"
    assert reason_of(payload_part + "." + sig[:-1]) == "bad_signature"


def test_signature_checked_before_expiry_and_shape():
    expired = make_token({"sub": "a", "exp": 10, "scopes": []}, secret=b"wrong")
    assert reason_of(expired, now=1000) == "bad_signature"
    junk = make_token(None, secret=b"wrong", raw=b"not json")
    assert reason_of(junk) == "bad_signature"


@pytest.mark.parametrize("raw", [
    b"not json",
    b"[1, 2]",
    json.dumps({"sub": "a", "scopes": []}).encode(),
    json.dumps({"sub": "a", "exp": "2000", "scopes": []}).encode(),
    json.dumps({"sub": "a", "exp": True, "scopes": []}).encode(),
    json.dumps({"sub": 5, "exp": 2000, "scopes": []}).encode(),
    json.dumps({"sub": "a", "exp": 2000, "scopes": "read"}).encode(),
    json.dumps({"sub": "a", "exp": 2000, "scopes": [1]}).encode(),
    b"\xff\xfe",
])
def test_correctly_signed_but_malformed_payload(raw):
    assert reason_of(make_token(None, raw=raw)) == "malformed"


@pytest.mark.parametrize("args", [
    ("", ["r"], SECRET, 0, 10),
    (None, ["r"], SECRET, 0, 10),
    ("a", ["r"], b"", 0, 10),
    ("a", ["r"], "text-secret", 0, 10),
    ("a", ["r"], SECRET, 0, 0),
    ("a", ["r"], SECRET, 0, -5),
    ("a", ["r"], SECRET, 0, 1.5),
    ("a", ["r"], SECRET, 0, True),
    ("a", ["r"], SECRET, 1.0, 10),
])
def test_issue_token_validation(args):
    with pytest.raises(ValueError):
        issue_token(*args)


class FakeClock:
    def __init__(self, now):
        self.now = now
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.now


def inner_app(environ, start_response):
    inner_app.calls.append((environ.get("auth.subject"), environ.get("auth.scopes")))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"secret data"]


def call(app, authorization=None):
    inner_app.calls = []
    environ = {}
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(b"")
    if authorization is not None:
        environ["HTTP_AUTHORIZATION"] = authorization
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = {k.lower(): v for k, v in headers}

    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


def test_middleware_passes_valid_token_through():
    clock = FakeClock(1000)
    app = require_auth(inner_app, SECRET, clock)
    token = issue_token("alice", ["read"], SECRET, now=990, ttl=60)
    status, headers, body = call(app, "Bearer " + token)
    assert status.startswith("200")
    assert body == b"secret data"
    assert inner_app.calls == [("alice", ["read"])]
    assert clock.calls == 1
    status, _, _ = call(app, "bearer   " + token)
    assert status.startswith("200")


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Basic dXNlcjpwYXNz", "Token abc.def", "Bearer a.b extra"])
def test_middleware_missing_token(authorization):
    app = require_auth(inner_app, SECRET, FakeClock(1000))
    status, headers, body = call(app, authorization)
    assert status == "401 Unauthorized"
    assert headers["www-authenticate"] == 'Bearer realm="api"'
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(body)
    assert json.loads(body) == {"error": "missing_token"}
    assert inner_app.calls == []


@pytest.mark.parametrize("now, token, reason", [
    (1000, make_token({"sub": "a", "exp": 1000, "scopes": ["read"]}), "expired"),
    (1000, make_token({"sub": "a", "exp": 5000, "scopes": ["read"]}, secret=b"x"), "bad_signature"),
    (1000, "garbage", "malformed"),
], ids=["expired", "bad_signature", "malformed"])
def test_middleware_invalid_token(now, token, reason):
    app = require_auth(inner_app, SECRET, FakeClock(now), required_scope="read")
    status, headers, body = call(app, "Bearer " + token)
    assert status == "401 Unauthorized"
    assert headers["www-authenticate"] == 'Bearer realm="api", error="invalid_token"'
    assert json.loads(body) == {"error": "invalid_token", "reason": reason}
    assert inner_app.calls == []


def test_middleware_uses_clock_per_request():
    clock = FakeClock(1000)
    app = require_auth(inner_app, SECRET, clock)
    token = issue_token("bob", [], SECRET, now=1000, ttl=30)
    assert call(app, "Bearer " + token)[0].startswith("200")
    clock.now = 1029
    assert call(app, "Bearer " + token)[0].startswith("200")
    clock.now = 1030
    status, _, body = call(app, "Bearer " + token)
    assert status.startswith("401") and json.loads(body)["reason"] == "expired"
    assert clock.calls == 3


@pytest.mark.parametrize("scopes", [[], ["write"], ["read:all"], ["reader"], ["admin", "rea"], ["READ"]])
def test_middleware_insufficient_scope(scopes):
    app = require_auth(inner_app, SECRET, FakeClock(1000), required_scope="read")
    token = issue_token("carol", scopes, SECRET, now=1000, ttl=60)
    status, headers, body = call(app, "Bearer " + token)
    assert status == "403 Forbidden"
    assert headers["www-authenticate"] == 'Bearer realm="api", error="insufficient_scope", scope="read"'
    assert json.loads(body) == {"error": "insufficient_scope", "required_scope": "read"}
    assert inner_app.calls == []


def test_middleware_scope_granted():
    app = require_auth(inner_app, SECRET, FakeClock(1000), required_scope="read")
    token = issue_token("dave", ["read", "write"], SECRET, now=1000, ttl=60)
    status, _, _ = call(app, "Bearer " + token)
    assert status.startswith("200")
    assert inner_app.calls == [("dave", ["read", "write"])]
