import io
import json
import warnings
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

from todo_api import create_app


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.code = int(status.split(" ", 1)[0])
        self.headers = {name.lower(): value for name, value in headers}
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def error_code(self):
        return self.json()["error"]["code"]


def call(app, method, path, body=None, content_type="application/json", query=""):
    environ = {}
    setup_testing_defaults(environ)
    environ["REQUEST_METHOD"] = method
    environ["PATH_INFO"] = path
    environ["QUERY_STRING"] = query
    raw = b""
    if body is not None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        if content_type is not None:
            environ["CONTENT_TYPE"] = content_type
    environ["CONTENT_LENGTH"] = str(len(raw))
    environ["wsgi.input"] = io.BytesIO(raw)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = headers
        return lambda data: None

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = validator(app)(environ, start_response)
        try:
            data = b"".join(result)
        finally:
            result.close()
    return Response(captured["status"], captured["headers"], data)


@pytest.fixture
def app():
    return create_app()


def create(app, title="Buy milk", **extra):
    res = call(app, "POST", "/todos", {"title": title, **extra})
    assert res.code == 201, res.body
    return res.json()


def test_create_returns_201_with_location(app):
    res = call(app, "POST", "/todos", {"title": "  Buy milk  "})
    assert res.code == 201
    assert res.headers["content-type"].startswith("application/json")
    assert res.headers["location"] == "/todos/1"
    assert int(res.headers["content-length"]) == len(res.body)
    assert res.json() == {"id": 1, "title": "Buy milk", "done": False}
    assert create(app, "Walk dog", done=True) == {"id": 2, "title": "Walk dog", "done": True}


def test_list_and_get(app):
    assert call(app, "GET", "/todos").json() == {"items": []}
    create(app, "a")
    create(app, "b", done=True)
    res = call(app, "GET", "/todos")
    assert res.code == 200
    assert res.json() == {"items": [
        {"id": 1, "title": "a", "done": False},
        {"id": 2, "title": "b", "done": True},
    ]}
    one = call(app, "GET", "/todos/2")
    assert one.code == 200 and one.json() == {"id": 2, "title": "b", "done": True}


def test_list_done_filter(app):
    create(app, "a")
    create(app, "b", done=True)
    create(app, "c")
    assert [t["title"] for t in call(app, "GET", "/todos", query="done=true").json()["items"]] == ["b"]
    assert [t["title"] for t in call(app, "GET", "/todos", query="done=false&x=1").json()["items"]] == ["a", "c"]
    bad = call(app, "GET", "/todos", query="done=yes")
    assert bad.code == 400
    assert bad.error_code() == "validation_failed"
    assert "done" in bad.json()["error"]["fields"]


def test_patch_updates_only_given_fields(app):
    create(app, "a")
    res = call(app, "PATCH", "/todos/1", {"done": True})
    assert res.code == 200 and res.json() == {"id": 1, "title": "a", "done": True}
    res = call(app, "PATCH", "/todos/1", {"title": " renamed "})
    assert res.json() == {"id": 1, "title": "renamed", "done": True}
    res = call(app, "PATCH", "/todos/1", {})
    assert res.code == 200 and res.json() == {"id": 1, "title": "renamed", "done": True}
    assert call(app, "GET", "/todos/1").json() == {"id": 1, "title": "renamed", "done": True}


def test_delete_then_404_and_ids_not_reused(app):
    create(app, "a")
    create(app, "b")
    res = call(app, "DELETE", "/todos/2")
    assert res.code == 204
    assert res.body == b""
    assert "content-type" not in res.headers
    missing = call(app, "GET", "/todos/2")
    assert missing.code == 404 and missing.error_code() == "not_found"
    assert call(app, "DELETE", "/todos/2").code == 404
    assert create(app, "c")["id"] == 3


@pytest.mark.parametrize("path", ["/todos/", "/todos/abc", "/todo", "/", "/todos/1/x", "/todos/-1"])
def test_unknown_paths_are_404(app, path):
    create(app, "a")
    res = call(app, "GET", path)
    assert res.code == 404
    assert res.error_code() == "not_found"


def test_missing_todo_is_404_before_body_checks(app):
    res = call(app, "PATCH", "/todos/7", b"not json", content_type="text/plain")
    assert res.code == 404


@pytest.mark.parametrize("method, path, allow", [
    ("PUT", "/todos", "GET, POST"),
    ("DELETE", "/todos", "GET, POST"),
    ("POST", "/todos/1", "DELETE, GET, PATCH"),
    ("PUT", "/todos/1", "DELETE, GET, PATCH"),
])
def test_method_not_allowed(app, method, path, allow):
    create(app, "a")
    res = call(app, method, path, {"title": "x"})
    assert res.code == 405
    assert res.headers["allow"] == allow
    assert res.error_code() == "method_not_allowed"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(app, content_type):
    res = call(app, "POST", "/todos", {"title": "x"}, content_type=content_type)
    assert res.code == 415
    assert res.error_code() == "unsupported_media_type"
    assert call(app, "GET", "/todos").json() == {"items": []}


def test_content_type_parameters_and_case_accepted(app):
    res = call(app, "POST", "/todos", {"title": "x"}, content_type="Application/JSON; charset=utf-8")
    assert res.code == 201


@pytest.mark.parametrize("raw", [b"", b"{", b"{'title': 'x'}", b"\xff\xfe{}"])
def test_invalid_json_is_400(app, raw):
    res = call(app, "POST", "/todos", raw)
    assert res.code == 400
    assert res.error_code() == "invalid_json"


@pytest.mark.parametrize("body, bad_fields", [
    ([1, 2], {"body"}),
    ("title", {"body"}),
    ({}, {"title"}),
    ({"title": ""}, {"title"}),
    ({"title": "   "}, {"title"}),
    ({"title": "x" * 101}, {"title"}),
    ({"title": 5}, {"title"}),
    ({"title": "ok", "done": 1}, {"done"}),
    ({"title": "ok", "done": 0}, {"done"}),
    ({"title": "ok", "done": "true"}, {"done"}),
    ({"title": "ok", "id": 9}, {"id"}),
    ({"done": 1, "extra": True}, {"title", "done", "extra"}),
])
def test_create_validation(app, body, bad_fields):
    res = call(app, "POST", "/todos", body)
    assert res.code == 400
    error = res.json()["error"]
    assert error["code"] == "validation_failed"
    assert isinstance(error["message"], str)
    assert set(error["fields"]) == bad_fields
    assert call(app, "GET", "/todos").json() == {"items": []}


def test_title_length_boundaries(app):
    assert create(app, "x" * 100)["title"] == "x" * 100
    assert create(app, "  " + "y" * 100 + "  ")["title"] == "y" * 100


@pytest.mark.parametrize("body, bad_fields", [
    ({"title": " "}, {"title"}),
    ({"done": 1}, {"done"}),
    ({"done": None}, {"done"}),
    ({"title": "ok", "owner": "me"}, {"owner"}),
])
def test_patch_validation_changes_nothing(app, body, bad_fields):
    create(app, "keep")
    res = call(app, "PATCH", "/todos/1", body)
    assert res.code == 400
    assert set(res.json()["error"]["fields"]) == bad_fields
    assert call(app, "GET", "/todos/1").json() == {"id": 1, "title": "keep", "done": False}


def test_apps_are_independent():
    first, second = create_app(), create_app()
    create(first, "only in first")
    assert call(second, "GET", "/todos").json() == {"items": []}
    assert create(second, "x")["id"] == 1
