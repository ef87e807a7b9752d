"""Security headers on every response, and no inline script in any page."""

from __future__ import annotations

import re

import pytest


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(
    "path", ["/catalogus/", "/catalogus/groepsapp-groep-7-8", "/api/v1/catalogue", "/setup"]
)
def test_headers(client, path: str) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert all("src=" in attrs and not body.strip() for attrs, body in scripts)
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_session_cookie_is_httponly_and_samesite(app, client, make_school) -> None:
    make_school("De Regenboog")
    response = client.post(
        "/inloggen",
        data={"email": "teacher@deregenboog.example", "password": "lang-genoeg-wachtwoord"},
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_behind_a_proxy_the_client_address_comes_from_the_proxy(database_url, tmp_path) -> None:
    from flask import request

    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path, BEHIND_PROXY=True)
    client = app.test_client()
    seen = {}

    @app.get("/_test-address")
    def address() -> str:
        seen["addr"], seen["secure"] = request.remote_addr, request.is_secure
        return "ok"

    client.get(
        "/_test-address", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"addr": "203.0.113.7", "secure": True}
