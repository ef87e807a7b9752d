"""How long and how much memory hostile uploads cost before they are refused: YAML front
matter (alias bomb, 60,000 keys, nesting 5,000 deep) and a slide template of millions of XML
elements. Prints figures; never part of the pass/fail suite."""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pptx import Presentation

from planner import create_app
from planner.catalogue.content import parse_source
from planner.exports.pptx import TemplateError, check_template

LETTERS = "abcdefgh"
FRONT_MATTER = {
    "alias bomb": "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
    + "".join(
        f"{n}: &{n} [" + ",".join([f"*{LETTERS[i]}"] * 9) + "]\n" for i, n in enumerate(LETTERS[1:])
    )
    + "---\nbody\n",
    "60,000 keys": "---\n" + "".join(f"k{n}: {n}\n" for n in range(60_000)) + "---\nbody\n",
    "nesting 5,000 deep": "---\ngoals: " + "[" * 5000 + "]" * 5000 + "\n---\nbody\n",
}


def million_element_template() -> bytes:
    plain = io.BytesIO()
    Presentation().save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/slideLayouts/slideLayout2.xml":
                filler = b"<p:extLst>" + b"<a:x/>" * 3_000_000 + b"</p:extLst>"
                data = data.replace(b"</p:sldLayout>", filler + b"</p:sldLayout>")
            target.writestr(info.filename, data)
    return out.getvalue()


def measure(name: str, work) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    outcome = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{name:28} {seconds * 1000:8.1f} ms  peak {peak / 2**20:7.1f} MB  {outcome}")


def main() -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    for name, text in FRONT_MATTER.items():
        raw = text.encode()
        measure(
            f"{name} ({len(raw):,} B)",
            lambda raw=raw: str(parse_source(raw, "x.md", "x", None)[1][0])[:60],
        )
    template = million_element_template()

    def refuse() -> str:
        with app.app_context():
            try:
                check_template(template)
            except TemplateError as error:
                return error.code
        return "accepted"

    measure(f"template ({len(template) // 1024} kB zip)", refuse)


if __name__ == "__main__":
    main()
