"""The fact explorer: a static website over the published warehouse.

`python -m explorer build` writes it to `explorer/` next to the warehouse
(warehouse/explorer/ by default); `python -m explorer serve` (`make explore`)
serves it on 127.0.0.1. Every page also opens straight from disk: the data a
page filters is embedded in it as JSON, and the scripts and styles ship in
explorer/static/ (no CDN, no network).

    data.py       the warehouse read into plain records (optional tables and columns tolerated)
    formatting.py values and periods as a reader writes them
    highlight.py  a document's text with its figures marked
    pdf_pages.py  PDF pages rendered as images (cached by document id)
    chart.py      an indicator's series as inline SVG
    pages.py      the four kinds of page
    site.py       the build: every page, the static files, the images
    serve.py      the local web server
"""
