"""Every number the validation rules decide with, each with the reason for its value.

Tolerances that follow a figure's own written precision are not here: they
come from each fact's `precision` (half the unit of its last written digit).
"""
from __future__ import annotations

# A reading is "sure" from this confidence on. The labeller gives 0.8 and more
# only to a figure whose meaning came from explicit cues (a table cell under
# resolved row and column headers; a sentence naming indicator, area and
# period); below it, the source is not accused of what may be a misreading.
SURE_READING = 0.8

# "près de", "environ", "about": the writer rounded freely; 5 % is the widest
# rounding such phrases carry in the seed and dev documents (5,2 Md for 5,15 Md).
APPROX_TOLERANCE = 0.05

# Floating-point slack, relative to the size of the figures compared: a sum of
# a few dozen doubles is off by about 1e-15 of its size, so 1e-12 absorbs that
# (cents summed in doubles do not fire) while staying far below a cent on
# millions (1e-9 would be 0.0076 on 7.5 M, close to the rounding of cents).
EPS = 1e-12

# A head count 300 to 3,000 times off its siblings' median is a figure read
# or printed in thousands among units (the factor 1,000 with room for the
# siblings' own spread); an ordinary spread of regions or age groups stays
# far below 300.
MAGNITUDE_RATIO_LOW = 300
MAGNITUDE_RATIO_HIGH = 3000
# A median needs two siblings besides the figure: with one, which of the two is off is unknown.
MAGNITUDE_MIN_GROUP = 3

# One head count with a decimal part among whole ones is the source's slip (a
# scale, a typo); two or more of one indicator in one table mean the extractor
# gave a column of rates, ratios or averages a head-count indicator.
MISREAD_DECIMAL_HEAD_COUNTS = 2

# A source stating one figure twice may slip once: two values for one key are
# its contradiction. Three or more mean figures of different things (regions,
# columns) that the extractor gave one key.
CONFLICT_MAX_VALUES = 2

# Employment and population compared when their periods' middles are within
# about a year (400 days): both move by a few percent a year at most.
EMPLOYMENT_POPULATION_DAYS = 400

# An agreement's period starting three years or more after its signature is
# unusual enough to check (plans are signed the year before they start, at most).
LATE_START_YEARS = 3

# A project duration agrees with a partnership's span within a month at each
# end: "cinq ans" for 1 Jan 2016–31 Dec 2020 is 5.0 years, give or take days.
DURATION_SLACK_YEARS = 1 / 12

# How far after its heading a partnership's section may run, in characters
# (about a page of text): funding further away is not about that agreement.
SECTION_MAX_CHARS = 4000

# Bounds on pathological input, so cost stays linear: more than 30 distinct
# values for one key are compared neighbour to neighbour only; a party or a
# name word shared by more than 200 agreements identifies none of them; at
# most 8 chains of age groups are tried per total.
PAIRWISE_MAX_VALUES = 30
SHARED_KEY_MAX_AGREEMENTS = 200
AGE_CHAINS_MAX = 8

# A "Total" column is read as the sum of the columns before it only where that
# holds in at least 2 rows and twice as many rows as it fails in: a column
# that adds other things then says nothing about any row.
ROW_SUM_MIN_HOLDING = 2

# Two columns repeat one figure when they print the same value in at least 3
# rows (and three times as many rows as they differ in): a coincidence in one
# or two rows of amounts proves nothing.
REPEATED_COLUMN_MIN_AGREEING = 3

# Two columns' own headers name one thing when at least 80 % of the shorter
# one's words are in the other ("Effectif" under two column groups; a header
# repeating another with a column reference added), while "Budget primitif"
# and "Budget supplémentaire" share only half.
REPEATED_HEADING_OVERLAP = 0.8
