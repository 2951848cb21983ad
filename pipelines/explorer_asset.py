"""The fact explorer as an asset: the static site (explorer/) rebuilt after the views.

It reads only the published copy, so it needs no slot of the `duckdb` pool;
its own pool `explorer` (limited to one step, like every pool in dagster.yaml)
keeps two builds from writing the same folder at once.
"""
import dagster as dg

from explorer.site import build_site, document_folders, explorer_dir
from pipelines.assets import FOLLOW_UPSTREAM, GROUP, warehouse_views
from pipelines.resources import RawDocumentsResource, WarehouseResource


@dg.asset(
    deps=[warehouse_views], group_name=GROUP, kinds={"html"}, pool="explorer",
    automation_condition=FOLLOW_UPSTREAM,
    description="The fact explorer: a static site over the published copy (facts with filters, each "
                "document's text with its figures highlighted and its PDF pages with their boxes, a chart "
                "per indicator, the findings). Open index.html from disk or with `make explore`.",
)
def fact_explorer(duckdb: WarehouseResource, raw_documents: RawDocumentsResource) -> dg.MaterializeResult:
    report = build_site(duckdb.published_path(), explorer_dir(duckdb.database_path()),
                        document_folders(raw_documents.root()))
    return dg.MaterializeResult(metadata={
        "index": dg.MetadataValue.path(str(report.index)),
        "documents": report.documents,
        "indicators": report.indicators,
        "findings": report.findings,
        "pdf_page_images": report.page_images,
        "pdfs_without_images": dg.MetadataValue.json(report.documents_without_images),
    })
