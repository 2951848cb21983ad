-- Views for the common questions. Created by warehouse.views.create_views();
-- every statement is CREATE OR REPLACE, so running this file again is safe.

-- Unemployment rates by area and period, with where each was read.
CREATE OR REPLACE VIEW v_unemployment_rates AS
SELECT f.area, f.segment, f.period_start, f.period_end,
       f.value AS rate_pct, f.qualifier, f.status,
       d.source_path, f.page, f.snippet, f.fact_id
FROM facts f
JOIN documents d USING (document_id)
WHERE f.indicator = 'unemployment_rate'
ORDER BY f.area, f.period_start, f.segment NULLS FIRST;

-- Money voted, spent and committed, by year and budget line ('total' when no line is named).
CREATE OR REPLACE VIEW v_budget_lines AS
SELECT year(f.period_start) AS year, f.indicator,
       CASE WHEN f.segment LIKE 'line:%' THEN substr(f.segment, 6)
            ELSE coalesce(f.segment, 'total') END AS line,
       f.area, f.value AS amount_eur, f.qualifier, f.status,
       d.source_path, f.page, f.snippet, f.fact_id
FROM facts f
JOIN documents d USING (document_id)
WHERE f.indicator IN ('budget', 'spending', 'commitment_authority')
ORDER BY year, f.indicator, line;

-- Apprentices, contracts, training centres and unfilled offers, and apprenticeship budget lines.
CREATE OR REPLACE VIEW v_apprenticeship AS
SELECT f.indicator, f.area, f.segment, f.period_start, f.period_end,
       f.value, f.unit, f.qualifier, f.status,
       d.source_path, f.page, f.snippet, f.fact_id
FROM facts f
JOIN documents d USING (document_id)
WHERE f.indicator IN ('apprentices', 'apprenticeship_contracts', 'cfa_count',
                      'unfilled_apprenticeship_offers', 'trade_campuses')
   OR f.segment LIKE '%apprentice%'
ORDER BY f.indicator, f.area, f.period_start;

-- Agreements in the order they were signed (or began), with the document that reports them.
CREATE OR REPLACE VIEW v_partnership_timeline AS
SELECT coalesce(p.signed_on, p.starts_on) AS dated_on,
       p.name, p.parties, p.signed_on, p.signed_precision, p.starts_on, p.ends_on,
       d.title AS reported_in, d.source_path, p.snippet, p.partnership_id
FROM partnerships p
JOIN documents d USING (document_id)
ORDER BY dated_on NULLS LAST, p.name;

-- One row per (finding, fact it concerns), with the fact's figure and place.
CREATE OR REPLACE VIEW v_findings_with_facts AS
SELECT fi.finding_id, fi.check_name, fi.severity, fi.message,
       f.fact_id, f.indicator, f.area, f.segment, f.period_start, f.period_end,
       f.value, f.unit, f.page, f.snippet, d.source_path
FROM (SELECT *, unnest(fact_ids) AS concerned_fact_id FROM validation_findings) fi
LEFT JOIN facts f ON f.fact_id = fi.concerned_fact_id
LEFT JOIN documents d ON d.document_id = f.document_id
ORDER BY fi.severity, fi.check_name, fi.finding_id;

-- One row per fact and dimension of its segment: "level:CAP|domain:14 Coiffure" is two rows,
-- so that facts can be filtered on a sex, an age class, a level or a programme whatever else they cross.
CREATE OR REPLACE VIEW v_fact_dimensions AS
SELECT f.fact_id, f.indicator, f.area, f.period_start, f.period_end, f.value, f.unit,
       split_part(d.dimension, ':', 1) AS kind,
       split_part(d.dimension, ':', 2) AS dimension_value,
       nullif(array_to_string(string_split(d.dimension, ':')[3:], ':'), '') AS sub_line,
       f.segment
FROM facts f,
     unnest(string_split(f.segment, '|')) AS d(dimension)
WHERE f.segment IS NOT NULL;

