"""A small JSON REST API for todo items, written as a plain WSGI application."""

import json
import re
from http import HTTPStatus
from urllib.parse import parse_qs

_ITEM_PATH = re.compile(r"/todos/([0-9]+)")
_ALLOW = {"collection": "GET, POST", "item": "DELETE, GET, PATCH"}
_MAX_TITLE = 100


class _HttpError(Exception):
    def __init__(self, status, code, message, fields=None, headers=()):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.headers = list(headers)


def _status_line(status):
    return f"{status} {HTTPStatus(status).phrase}"


def _json_response(start_response, status, payload, headers=()):
    body = json.dumps(payload).encode("utf-8")
    start_response(
        _status_line(status),
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))] + list(headers),
    )
    return [body]


def _read_json(environ):
    content_type = environ.get("CONTENT_TYPE", "") or ""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise _HttpError(415, "unsupported_media_type", "Content-Type must be application/json")
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _HttpError(400, "invalid_json", "request body is not valid JSON") from None


def _validate(data, creating):
    if not isinstance(data, dict):
        raise _HttpError(400, "validation_failed", "invalid request body",
                         {"body": "must be a JSON object"})
    fields = {}
    clean = {}
    for name in data:
        if name not in ("title", "done"):
            fields[name] = "unknown field"
    if "title" in data:
        title = data["title"]
        if not isinstance(title, str):
            fields["title"] = "must be a string"
        else:
            title = title.strip()
            if not 1 <= len(title) <= _MAX_TITLE:
                fields["title"] = f"must be 1 to {_MAX_TITLE} characters after trimming"
            else:
                clean["title"] = title
    elif creating:
        fields["title"] = "is required"
    if "done" in data:
        if data["done"] in (True, False):
            clean["done"] = data["done"]
        else:
            fields["done"] = "must be a boolean"
    if fields:
        raise _HttpError(400, "validation_failed", "invalid request body", fields)
    return clean


def create_app():
    todos = {}
    next_id = [1]

    def list_todos(environ):
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        items = [todos[i] for i in sorted(todos)]
        if "done" in query:
            value = query["done"][-1]
            if value not in ("true", "false"):
                raise _HttpError(400, "validation_failed", "invalid query",
                                 {"done": "must be true or false"})
            wanted = value == "true"
            items = [t for t in items if t["done"] is wanted]
        return 200, {"items": [dict(t) for t in items]}, []

    def create(environ):
        clean = _validate(_read_json(environ), creating=True)
        todo = {"id": next_id[0], "title": clean["title"], "done": clean.get("done", False)}
        next_id[0] += 1
        todos[todo["id"]] = todo
        return 201, dict(todo), [("Location", f"/todos/{todo['id']}")]

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO", "")
        try:
            if path == "/todos":
                if method == "GET":
                    status, payload, headers = list_todos(environ)
                elif method == "POST":
                    status, payload, headers = create(environ)
                else:
                    raise _HttpError(405, "method_not_allowed", "method not allowed",
                                     headers=[("Allow", _ALLOW["collection"])])
                return _json_response(start_response, status, payload, headers)
            match = _ITEM_PATH.fullmatch(path)
            if match is None:
                raise _HttpError(404, "not_found", "no such resource")
            if method not in ("GET", "PATCH", "DELETE"):
                raise _HttpError(405, "method_not_allowed", "method not allowed",
                                 headers=[("Allow", _ALLOW["item"])])
            todo = todos.get(int(match.group(1)))
            if todo is None:
                raise _HttpError(404, "not_found", "no such todo")
            if method == "GET":
                return _json_response(start_response, 200, dict(todo))
            if method == "DELETE":
                del todos[todo["id"]]
                start_response(_status_line(204), [])
                return [b""]
            clean = _validate(_read_json(environ), creating=False)
            todo.update(clean)
            return _json_response(start_response, 200, dict(todo))
        except _HttpError as err:
            error = {"code": err.code, "message": err.message}
            if err.fields is not None:
                error["fields"] = err.fields
            return _json_response(start_response, err.status, {"error": error}, err.headers)

    return app
