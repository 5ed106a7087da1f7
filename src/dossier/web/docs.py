"""The API's interactive docs (/api/docs) from the package's own copy of Swagger UI.

FastAPI's default page loads Swagger UI from a CDN with an inline script; both break the
offline rule and the Content-Security-Policy, so the page is replaced by one that loads the
`swagger-ui-dist` npm package's files (built into ``static/swagger``) and a start-up module.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Dossier corpus API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi="/api/openapi.json"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script type="module" src="/static/swagger-init.js"></script>
</body></html>
"""


def self_hosted(api: FastAPI) -> None:
    """Swap the API app's CDN-based /docs and /redoc pages for the self-hosted one."""
    gone = {"/docs", "/docs/oauth2-redirect", "/redoc"}
    api.router.routes[:] = [r for r in api.router.routes if getattr(r, "path", "") not in gone]

    @api.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(_PAGE)
