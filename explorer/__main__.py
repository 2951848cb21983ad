"""`python -m explorer build` writes the site; `python -m explorer serve` serves it (`make explore`).

Both read the published copy of the warehouse ($WAREHOUSE_PATH's folder,
warehouse/warehouse.published.duckdb by default), never the working file, so they
never wait for or block a pipeline run.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.serve import make_server
from explorer.site import build_site, document_folders, explorer_dir
from warehouse import paths


def up_to_date(database: Path, out: Path) -> bool:
    """The site was built after the published copy was last replaced."""
    index = out / "index.html"
    return index.exists() and database.exists() and index.stat().st_mtime >= database.stat().st_mtime


def build(database: Path, out: Path) -> int:
    try:
        report = build_site(database, out, document_folders(paths.raw_documents_dir()))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Fact explorer: {report.documents} documents, {report.indicators} indicators, "
          f"{report.findings} findings, {report.page_images} PDF page images -> {report.index}")
    for source_path in report.documents_without_images:
        print(f"  no page images for {source_path}: the PDF is not in the documents folder with these bytes")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "serve"])
    parser.add_argument("--port", type=int, default=8000, help="serve: the port on 127.0.0.1 (default 8000)")
    parser.add_argument("--force", action="store_true", help="build even when the site is up to date")
    args = parser.parse_args(argv)
    warehouse = paths.warehouse_path()
    database, out = paths.published_path(warehouse), explorer_dir(warehouse)
    if args.force or not up_to_date(database, out):
        if build(database, out):
            return 1
    elif args.command == "build":
        print(f"Fact explorer up to date: {out / 'index.html'}")
    if args.command == "build":
        return 0
    server = make_server(out, args.port)
    print(f"Fact explorer on http://127.0.0.1:{server.server_address[1]}/ (from {out}); Ctrl-C stops it.",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
