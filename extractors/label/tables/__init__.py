"""Figures in tables, read cell by cell with their row and column headers.

The data path, in Fonduer's shape, one module per stage:

1. **Reading the grid** (`grid.read_table`): which rows are headers, which row only numbers the
   columns ("(col. 1)", "(1)", "A"), which header states a formula (`formulas`), which leading
   cells label the rows (the stub), and what each column's header path, the caption and the
   section say (`contexts.label_context`).
2. **Candidates** (`candidates.candidates`): one per figure of a data cell, with the contexts
   around it: its row label, its column header path, the caption, the table's corner cell and the
   section heading.
3. **Throttles** (`throttles.THROTTLES`): small named predicates that keep a figure out of the
   facts and say why ("column number", "ratio per unit", …). The figure is still recorded, with
   that reason.
4. **Labellers** (`labellers.INDICATOR_LABELLERS`, …): for each attribute an ordered list of small
   functions; the first that answers gives the value and the reason stored with the fact.
   `surroundings` reads once per table what the text around it says (a reference period, the
   programme), `segments` joins the dimensions a fact's labels name.
5. **Facts** (`facts.table_facts`): the stages above in order, each figure's record, and the
   relations between cells (`relations`: stated changes, header formulas).

All phrases come from `extractors.lexicon`; nothing here names a document.
"""
from extractors.label.tables.facts import TableOutput, table_facts
from extractors.label.tables.grid import TableReading, read_table

__all__ = ["TableOutput", "TableReading", "read_table", "table_facts"]
