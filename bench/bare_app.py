"""The yardstick: a bare Flask page that renders a 50-row table from a plain list."""

from flask import Flask, render_template_string

app = Flask(__name__)
ROWS = [{"n": n, "title": f"Item {n}", "kind": "lesson", "minutes": 45} for n in range(50)]
PAGE = """<!doctype html><html lang="nl"><head><title>Bare</title></head><body><table>
{% for row in rows %}<tr><td>{{ row.n }}</td><td>{{ row.title }}</td><td>{{ row.kind }}</td>
<td>{{ row.minutes }}</td></tr>{% endfor %}</table></body></html>"""


@app.get("/")
def table() -> str:
    """Fifty rows from a list in memory."""
    return render_template_string(PAGE, rows=ROWS)
