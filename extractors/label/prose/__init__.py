"""Figures in running text, each labelled from its own sentence, in Fonduer's shape:

1. **Annotation** (`sentence.annotate_sentence`): the sentence's periods, figures, the figures that
   state a level, the places listed "respectively", indicator phrases and age classes, found once.
2. **Candidates** (`candidates.candidates`): one per figure, with the unit it is read in.
3. **Throttles** (`throttles.THROTTLES`): small named predicates that keep a figure out (an article
   "un", a size class or a change, a bound of an age class, a figure counting its own noun), each
   saying why: the reason becomes the figure's `skip_reason`.
4. **Labellers** (`labellers.INDICATOR_LABELLERS`, `PERIOD_LABELLERS`, `segments.SEGMENT_LABELLERS`,
   `labellers.AREA_LABELLERS`, asked in that order): ordered small functions, each answering a value
   and its reason; `cues` pairs a figure with the nearest indicator phrase whose unit fits, `periods`
   with the nearest period.
5. **Facts** (`facts.sentence_facts`): the stages in order, the reasons joined into the fact's
   `reason`, the throttles' reasons by figure (`SentenceOutput.kept_out`), and what the sentence hands
   on to the next ones.

A figure pairs only with the indicator phrases, periods and areas of its own sentence (its paragraph
and headings only for the area and the project it belongs to).
"""
from extractors.label.prose.facts import SentenceOutput, sentence_facts
from extractors.label.prose.segments import strip_accents_keep_case
from extractors.label.prose.sentence import PassageContext, not_a_level

__all__ = ["PassageContext", "SentenceOutput", "not_a_level", "sentence_facts", "strip_accents_keep_case"]
