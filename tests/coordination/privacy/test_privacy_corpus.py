"""The privacy guard measured on the labelled corpora (tests/coordination/privacy/privacy_corpus*):
recall on identifying snippets (a snippet counts as caught when the guard refuses it),
the share of clean professional notes it refuses, overall and for names. The figures are
printed (`pytest -s`) and stated in the README; the floors below hold them there, so a
change that loses recall or adds false refusals fails.

The first corpus's held-out half was never used to tune the guard: its misses were not
looked at while tuning. The other corpora and the first corpus's development half were;
the third corpus was first measured before any tuning on it (README: 95.9% caught, 7.0%
of clean notes refused), then tuned on. The fourth was measured whole before any tuning
(96.3% caught, 8.5% of clean notes refused), then tuned on its development half only: its
held-out half's misses were not looked at either. The fifth likewise (98.8% caught, 11.7%
of clean notes refused before tuning), the sixth (97.9% caught, names 97.9%, 12.3% of
clean notes refused before tuning), the seventh (94.6%, 93.8%, 6.7%), the eighth (97.5%, 96.1%, 11.8%),
the ninth (97.5%, 96.2%, 10.0%), the tenth (97.5%, 98.5%, 13.7%), the eleventh (98.1%,
97.0%, 11.7%), the twelfth (99.2%, 98.8%, 13.7%) the thirteenth (99.2%, 98.8%, 10.7%) and the fourteenth (97.5%, 98.8%, 16.0%). The Spanish and Vietnamese corpora, six sets each, likewise: tuned on their
development halves only. The seventh and eighth Spanish and Vietnamese sets likewise (first
readings in their READMEs). So were the fifteenth (long clean notes: 100%, 100%, 32.0%),
the sixteenth (long notes in ten registers: 99.0%, 98.3%, 14.0%), the seventeenth (names
in hard shapes: 86.2%, 88.0%, 6.2%) and the ninth and tenth Spanish and Vietnamese sets,
the eighteenth (clean notes hard not to refuse: 95.0%, 96.2%, 4.6%) and the eleventh
Spanish (87.0%, 88.3%, 10.0%) and Vietnamese (typed without marks: 62.0%, 51.7%, 17.0%),
the nineteenth (coordinators', survey, training and report registers: 90.8%, 88.8%,
11.2%), and the twelfth Spanish (nicknames, word-names: 78.0%, 79.7%, 9.0%) and Vietnamese
(typed without marks, given names with no title: 71.0%, 61.4%, 25.0%), the thirteenth
Vietnamese (short notes typed without marks, mixed with English: 82.0%, 75.0%, 33.0%) and
the twentieth (MDT members' and contacts' everyday notes: 90.8%, 87.5%, 14.6%), the
twenty-first (everyday use across all users: 92.5%, 90.0%, 5.8%), the thirteenth Spanish
(written fast: 87.0%, 92.2%, 18.0%) and the fourteenth Vietnamese (marked and typed, long
and short: 88.0%, 81.7%, 15.0%), the fourteenth Spanish (formal, full accents: 82.0%,
89.1%, 9.0%) and the fifteenth Vietnamese (typed without marks, short: 78.0%, 68.3%,
32.0%), the twenty-second (names inside longer notes: 95.8%, 96.2%, 3.3%), and the
fifteenth Spanish (Spanish mixed with English: 87.0%, 90.6%, 10.0%), the sixteenth
Vietnamese (written with full marks: 80.0%, 80.0%, 2.0%) and the twenty-third (short
entries typed fast, every kind: 89.2%, 82.9%, 4.2%), the twenty-fourth (case-review minutes
and phase records: 93.3%, 94.3%, 4.2%), the sixteenth Spanish (voice notes about Central
American and Mexican workers: 83.0%, 89.1%, 15.0%) and the seventeenth Vietnamese (typed
on a phone, half without marks: 84.0%, 85.0%, 18.0%), and the twenty-fifth (a week of every
user's notes, mostly clean: 90.0%, 87.5%, 6.0%), and the eighteenth Vietnamese (community and
faith volunteers, half without marks: 85.0%, 81.7%, 12.0%), the seventeenth Spanish (Caribbean
and South American, formal: 86.0%, 95.3%, 15.0%) and the twenty-sixth (the frontline's forms
outside the MDT room: 96.7%, 98.7%, 8.3%), the twenty-seventh (meetings and their records:
90.0%, 86.1%, 10.0%), the eighteenth Spanish (people writing in their own words: 87.0%,
87.5%, 9.0%) and the nineteenth Vietnamese (formal Vietnamese: 88.0%, 90.0%, 11.0%), the
twenty-eighth (names from everywhere: 89.2%, 83.8%, 6.7%), the nineteenth Spanish (police
and courts in Spanish: 91.0%, 92.2%, 3.0%), the twentieth Vietnamese (short chat
messages typed without marks: 71.0%, 61.7%, 32.0%), the twentieth Spanish (health
and school settings: 84.0%, 88.3%, 13.0%), the twenty-first Vietnamese (caseworkers'
notes about nail salons, seafood plants and boats: 88.0%, 83.3%, 12.0%), the
twenty-ninth (the rapid-response desk and the coordinators' week: 91.7%, 88.2%, 5.4%),
the twenty-first Spanish (short WhatsApp and SMS messages: 73.0%, 63.3%, 19.0%), the
twenty-second Vietnamese (voice-to-text, marks but no capitals: 40.0%, 23.3%, 1.0%),
the thirtieth (the annual report's submissions and data: 91.7%, 90.8%, 8.8%), the
twenty-second Spanish (Indigenous Guatemalan, Mexican and Honduran workers: 87.0%, 95.0%,
20.0%), the twenty-third Vietnamese (second-generation youth mixing English and
Vietnamese: 94.0%, 91.7%, 19.0%) and the thirty-first (outreach across Louisiana's
calendar and geography: 93.3%, 92.1%, 10.4%).
The floors below are the figures measured at the end of the session that added them.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass

import pytest

from coordination import privacy
from tests.coordination.privacy import (
    privacy_corpus,
    privacy_corpus_eighteenth,
    privacy_corpus_eighth,
    privacy_corpus_eleventh,
    privacy_corpus_extra,
    privacy_corpus_fifteenth,
    privacy_corpus_fifth,
    privacy_corpus_fourteenth,
    privacy_corpus_fourth,
    privacy_corpus_nineteenth,
    privacy_corpus_ninth,
    privacy_corpus_seventeenth,
    privacy_corpus_seventh,
    privacy_corpus_sixteenth,
    privacy_corpus_sixth,
    privacy_corpus_spanish,
    privacy_corpus_spanish_eighteenth,
    privacy_corpus_spanish_eighth,
    privacy_corpus_spanish_eleventh,
    privacy_corpus_spanish_fifteenth,
    privacy_corpus_spanish_fifth,
    privacy_corpus_spanish_fourteenth,
    privacy_corpus_spanish_fourth,
    privacy_corpus_spanish_nineteenth,
    privacy_corpus_spanish_ninth,
    privacy_corpus_spanish_second,
    privacy_corpus_spanish_seventeenth,
    privacy_corpus_spanish_seventh,
    privacy_corpus_spanish_sixteenth,
    privacy_corpus_spanish_sixth,
    privacy_corpus_spanish_tenth,
    privacy_corpus_spanish_third,
    privacy_corpus_spanish_thirteenth,
    privacy_corpus_spanish_twelfth,
    privacy_corpus_spanish_twentieth,
    privacy_corpus_spanish_twentyfirst,
    privacy_corpus_spanish_twentysecond,
    privacy_corpus_tenth,
    privacy_corpus_third,
    privacy_corpus_thirteenth,
    privacy_corpus_thirtieth,
    privacy_corpus_thirtyfirst,
    privacy_corpus_twelfth,
    privacy_corpus_twentieth,
    privacy_corpus_twentyeighth,
    privacy_corpus_twentyfifth,
    privacy_corpus_twentyfirst,
    privacy_corpus_twentyfourth,
    privacy_corpus_twentyninth,
    privacy_corpus_twentysecond,
    privacy_corpus_twentyseventh,
    privacy_corpus_twentysixth,
    privacy_corpus_twentythird,
    privacy_corpus_vietnamese,
    privacy_corpus_vietnamese_eighteenth,
    privacy_corpus_vietnamese_eighth,
    privacy_corpus_vietnamese_eleventh,
    privacy_corpus_vietnamese_fifteenth,
    privacy_corpus_vietnamese_fifth,
    privacy_corpus_vietnamese_fourteenth,
    privacy_corpus_vietnamese_fourth,
    privacy_corpus_vietnamese_nineteenth,
    privacy_corpus_vietnamese_ninth,
    privacy_corpus_vietnamese_second,
    privacy_corpus_vietnamese_seventeenth,
    privacy_corpus_vietnamese_seventh,
    privacy_corpus_vietnamese_sixteenth,
    privacy_corpus_vietnamese_sixth,
    privacy_corpus_vietnamese_tenth,
    privacy_corpus_vietnamese_third,
    privacy_corpus_vietnamese_thirteenth,
    privacy_corpus_vietnamese_twelfth,
    privacy_corpus_vietnamese_twentieth,
    privacy_corpus_vietnamese_twentyfirst,
    privacy_corpus_vietnamese_twentysecond,
    privacy_corpus_vietnamese_twentythird,
)

TODAY = datetime.date(2026, 11, 29)

# What the guard reaches on each set, as measured (README, "The privacy guard"); the
# issue's targets on the held-out half are 98% overall, 95% on names, at most 2% refused.
FLOORS = {
    # set: (recall, recall on names, largest share of clean notes refused)
    "first corpus, development half": (1.0, 1.0, 0.0),
    "first corpus, held-out half": (0.956, 0.93, 0.012),
    "second corpus (development)": (0.997, 0.995, 0.0),
    "third corpus (development)": (1.0, 1.0, 0.0),
    "fourth corpus, development half": (1.0, 1.0, 0.0),
    "fourth corpus, held-out half": (0.975, 0.955, 0.039),
    "fifth corpus, development half": (1.0, 1.0, 0.007),
    "fifth corpus, held-out half": (0.987, 0.981, 0.034),
    "sixth corpus, development half": (1.0, 1.0, 0.0),
    # Two names of the sixth's held-out half were lost when a span only the model calls a
    # person, with no word any list of names holds, stopped counting unless it acts.
    "sixth corpus, held-out half": (0.983, 0.972, 0.04),
    # The seventh (first blind reading, both halves: 94.6% caught, names 93.8%, 6.7% of
    # clean notes refused), then tuned on its development half only.
    "seventh corpus, development half": (1.0, 1.0, 0.007),
    "seventh corpus, held-out half": (0.966, 0.972, 0.034),
    # The eighth, heavy on clean notes (first blind reading, both halves: 97.5% caught,
    # names 96.1%, 11.8% of clean notes refused), then tuned on its development half only.
    "eighth corpus, development half": (1.0, 1.0, 0.015),
    "eighth corpus, held-out half": (0.983, 0.973, 0.045),
    # The ninth (first blind reading, both halves: 97.5% caught, names 96.2%, 10.0% of
    # clean notes refused), then tuned on its development half only.
    "ninth corpus, development half": (1.0, 1.0, 0.0),
    "ninth corpus, held-out half": (0.96, 0.953, 0.06),
    # The tenth (first blind reading, both halves: 97.5% caught, names 98.5%, 13.7% of
    # clean notes refused), then tuned on its development half only.
    "tenth corpus, development half": (0.99, 0.984, 0.014),
    "tenth corpus, held-out half": (1.0, 1.0, 0.08),
    # The eleventh (first blind reading, both halves: 98.1% caught, names 97.0%, 11.7% of
    # clean notes refused), then tuned on its development half only.
    "eleventh corpus, development half": (1.0, 1.0, 0.014),
    "eleventh corpus, held-out half": (0.975, 0.96, 0.074),
    # The twelfth (first blind reading, both halves: 99.2% caught, names 98.8%, 13.7% of
    # clean notes refused), then tuned on its development half only.
    # A motel chain in its town is no place where someone is only when it heads the note and
    # a colon or a comma follows it ("Motel 6 in Sulphur: the pool…"); "the Howard Johnson by
    # the airport closed" is refused again, so that "Found her. Days Inn in Kenner." is.
    "twelfth corpus, development half": (1.0, 1.0, 0.047),
    "twelfth corpus, held-out half": (1.0, 1.0, 0.06),
    # The thirteenth, with eponymous institutions among its clean notes (first blind reading,
    # both halves: 99.2% caught, names 98.8%, 10.7% of clean notes refused), then tuned on
    # its development half only.
    "thirteenth corpus, development half": (0.983, 0.975, 0.034),
    "thirteenth corpus, held-out half": (1.0, 1.0, 0.06),
    # Issue 22: notes in Spanish and Vietnamese (first blind reading, both halves: Spanish
    # 86.3% caught, names 95.5%, 16.3% of clean notes refused; Vietnamese 57.5%, 59.1%,
    # 1.3%), then tuned on the development halves only.
    "Spanish corpus, development half": (1.0, 1.0, 0.0),
    "Spanish corpus, held-out half": (0.975, 0.954, 0.05),
    "Vietnamese corpus, development half": (1.0, 1.0, 0.0),
    "Vietnamese corpus, held-out half": (0.975, 0.954, 0.025),
    # Second sets (first blind reading, both halves: Spanish 81.3% caught, names 86.4%,
    # 18.8% of clean notes refused; Vietnamese 71.3%, 77.3%, 8.8%), then tuned on their
    # development halves only.
    "second Spanish corpus, development half": (1.0, 1.0, 0.0),
    "second Spanish corpus, held-out half": (0.95, 1.0, 0.05),
    "second Vietnamese corpus, development half": (1.0, 1.0, 0.0),
    # Tuning on the fourth sets caught two more here and refused two more clean notes.
    "second Vietnamese corpus, held-out half": (0.875, 0.909, 0.075),
    # Third sets (first blind reading, both halves: Spanish 86.0% caught, names 84.4%,
    # 18.0% of clean notes refused; Vietnamese 76.0%, 71.9%, 14.0%), then tuned on their
    # development halves only.
    "third Spanish corpus, development half": (1.0, 1.0, 0.06),
    "third Spanish corpus, held-out half": (0.94, 0.968, 0.04),
    "third Vietnamese corpus, development half": (1.0, 1.0, 0.0),
    # One identifying snippet of this half was lost to the fifth and sixth sets' tuning.
    "third Vietnamese corpus, held-out half": (0.86, 0.875, 0.04),
    # Fourth sets (first blind reading, both halves: Spanish 85.0% caught, names 87.5%,
    # 10.0% of clean notes refused; Vietnamese 72.0%, 68.8%, 6.0%), then tuned on their
    # development halves only.
    "fourth Spanish corpus, development half": (1.0, 1.0, 0.0),
    "fourth Spanish corpus, held-out half": (0.96, 0.937, 0.04),
    "fourth Vietnamese corpus, development half": (0.94, 0.937, 0.0),
    "fourth Vietnamese corpus, held-out half": (0.84, 0.843, 0.0),
    # Fifth sets (first blind reading, both halves: Spanish 80.0% caught, names 85.9%,
    # 16.0% of clean notes refused; Vietnamese 87.0%, 85.9%, 9.0%), then tuned on their
    # development halves only.
    "fifth Spanish corpus, development half": (1.0, 1.0, 0.02),
    # Its held-out half lost one name (41 → 40 of 50) with the twelfth Spanish set's
    # rules (2026-12-01); which rule, was not looked for in its texts.
    "fifth Spanish corpus, held-out half": (0.84, 0.812, 0.02),
    "fifth Vietnamese corpus, development half": (0.96, 0.937, 0.0),
    "fifth Vietnamese corpus, held-out half": (0.92, 0.875, 0.04),
    # Sixth sets (first blind reading, both halves: Spanish 94.0% caught, names 95.3%,
    # 8.0% of clean notes refused; Vietnamese 81.0%, 81.2%, 6.0%), then tuned on their
    # development halves only.
    "sixth Spanish corpus, development half": (1.0, 1.0, 0.0),
    "sixth Spanish corpus, held-out half": (0.96, 0.937, 0.02),
    "sixth Vietnamese corpus, development half": (0.98, 0.968, 0.04),
    # One more clean note of its held-out half refused (0 → 1 of 50) once notes typed
    # without marks are read as Vietnamese too (2026-12-01).
    "sixth Vietnamese corpus, held-out half": (0.88, 0.843, 0.02),
    # Seventh sets (first blind reading, both halves: Spanish 85.0% caught, names 84.4%,
    # 4.0% of clean notes refused; Vietnamese 85.0%, 85.9%, 7.0%), then tuned on their
    # development halves only.
    "seventh Spanish corpus, development half": (0.98, 0.968, 0.0),
    "seventh Spanish corpus, held-out half": (0.92, 0.906, 0.02),
    "seventh Vietnamese corpus, development half": (1.0, 1.0, 0.0),
    # One clean note more of this half was refused after the tuning on the development half.
    # One snippet of it lost (43 → 42 of 50) with the thirteenth set's rules (2026-12-01),
    # which rule, not looked for in its texts.
    "seventh Vietnamese corpus, held-out half": (0.88, 0.906, 0.04),
    # The fourteenth, with abbreviations and out-of-state places among its clean notes (first
    # blind reading, both halves: 97.5% caught, names 98.8%, 16.0% of clean notes refused),
    # and the eighth Spanish and Vietnamese sets (Spanish 92.0%, 92.2%, 13.0%; Vietnamese
    # 79.0%, 78.1%, 12.0%), then tuned on their development halves only.
    "fourteenth corpus, development half": (1.0, 1.0, 0.034),
    "fourteenth corpus, held-out half": (0.983, 1.0, 0.114),
    # The fifteenth, long clean notes (first blind reading, both halves: 100% caught, names
    # 100%, 32.0% of clean notes refused); not tuned on yet.
    "fifteenth corpus, development half": (1.0, 1.0, 0.06),
    "fifteenth corpus, held-out half": (1.0, 1.0, 0.15),
    "eighth Spanish corpus, development half": (0.96, 0.937, 0.02),
    "eighth Spanish corpus, held-out half": (0.92, 0.937, 0.14),
    "eighth Vietnamese corpus, development half": (0.96, 0.937, 0.02),
    "eighth Vietnamese corpus, held-out half": (0.86, 0.812, 0.12),
    # The ninth Vietnamese set (first blind reading, both halves: 88.0% caught, names 87.5%,
    # 8.0% of clean notes refused), then tuned on its development half only.
    "ninth Vietnamese corpus, development half": (1.0, 1.0, 0.0),
    # One snippet of its held-out half lost (44 → 43 of 50), the same change.
    "ninth Vietnamese corpus, held-out half": (0.88, 0.843, 0.08),
    # The ninth Spanish set (first blind reading, both halves: 88.0% caught, names 95.3%,
    # 23.0% of clean notes refused) and the sixteenth, long clean notes in ten registers
    # (99.0%, 98.3%, 14.0%), then tuned on their development halves only.
    "ninth Spanish corpus, development half": (1.0, 1.0, 0.02),
    "ninth Spanish corpus, held-out half": (0.9, 0.968, 0.06),
    "sixteenth corpus, development half": (1.0, 1.0, 0.04),
    # One more clean note of its held-out half refused (10 → 11 of 100) once "resolved by"
    # names who resolved an alert (2026-12-02): the twenty-eighth's held-out half caught a
    # name more with it; which word, not looked for in its texts.
    "sixteenth corpus, held-out half": (0.98, 0.966, 0.1),
    # The tenth Spanish set (first blind reading, both halves: 75.0% caught, names 82.8%,
    # 15.0% of clean notes refused), then tuned on its development half only.
    "tenth Spanish corpus, development half": (0.98, 0.968, 0.0),
    "tenth Spanish corpus, held-out half": (0.88, 0.906, 0.12),
    # The tenth Vietnamese set (first blind reading, both halves: 86.0% caught, names 81.2%,
    # 10.0% of clean notes refused) and the seventeenth, names in hard shapes (86.2%, 88.0%,
    # 6.2%), then tuned on their development halves only.
    "tenth Vietnamese corpus, development half": (0.96, 0.937, 0.06),
    # Two snippets of its held-out half lost (47 → 45 of 50, a name among them), the
    # same change.
    # And one more with the thirteenth set's rules (45 → 44).
    "tenth Vietnamese corpus, held-out half": (0.92, 0.875, 0.04),
    "seventeenth corpus, development half": (1.0, 1.0, 0.0),
    "seventeenth corpus, held-out half": (0.875, 0.86, 0.075),
    # The eleventh Spanish set (first blind reading, both halves: 87.0% caught, names
    # 88.3%, 10.0% of clean notes refused), then tuned on its development half only.
    "eleventh Spanish corpus, development half": (1.0, 1.0, 0.02),
    "eleventh Spanish corpus, held-out half": (0.94, 0.966, 0.02),
    # The eleventh Vietnamese set, mostly typed on a phone without diacritics (first blind
    # reading, both halves: 62.0% caught, names 51.7%, 17.0% of clean notes refused), then
    # tuned on its development half only.
    "eleventh Vietnamese corpus, development half": (0.88, 0.8, 0.02),
    # Its held-out half: one more clean note refused after tuning (8 → 9 of 50).
    # With the thirteenth set's rules it lost a name (40 → 39 caught, 21 → 20 names).
    "eleventh Vietnamese corpus, held-out half": (0.8, 0.666, 0.12),
    # The eighteenth, clean notes hard not to refuse (first blind reading, both halves:
    # 95.0% caught, names 96.2%, 4.6% of clean notes refused), then tuned on its
    # development half only.
    "eighteenth corpus, development half": (1.0, 1.0, 0.017),
    "eighteenth corpus, held-out half": (0.95, 0.925, 0.05),
    # The twelfth Spanish set, nicknames and word-names (first blind reading, both halves:
    # 78.0% caught, names 79.7%, 9.0% of clean notes refused), and the twelfth Vietnamese,
    # typed without marks, given names with no title (71.0%, 61.4%, 25.0%), then tuned on
    # their development halves only.
    # One snippet fewer (46 → 45 of 50): it had been caught by a wrong span, "le" after
    # "el supervisor" read as a name; a clitic after a role no longer is one.
    "twelfth Spanish corpus, development half": (0.94, 0.906, 0.0),
    "twelfth Spanish corpus, held-out half": (0.84, 0.875, 0.08),
    "twelfth Vietnamese corpus, development half": (0.98, 0.971, 0.08),
    # One more clean note refused with the thirteenth set's rules (13 → 14 of 50).
    "twelfth Vietnamese corpus, held-out half": (0.8, 0.742, 0.22),
    # The nineteenth, the registers of coordinators, surveys, training, screening and the
    # annual report (first blind reading, both halves: 90.8% caught, names 88.8%, 11.2% of
    # clean notes refused), then tuned on its development half only.
    "nineteenth corpus, development half": (0.95, 0.925, 0.025),
    "nineteenth corpus, held-out half": (0.916, 0.875, 0.084),
    # The thirteenth Vietnamese set, short notes typed without marks and mixed with English
    # (first blind reading, both halves: 82.0% caught, names 75.0%, 33.0% of clean notes
    # refused), then tuned on its development half only.
    "thirteenth Vietnamese corpus, development half": (0.88, 0.833, 0.18),
    "thirteenth Vietnamese corpus, held-out half": (0.88, 0.833, 0.18),
    # The twentieth, MDT members' and rapid-response contacts' everyday notes (first blind
    # reading, both halves: 90.8% caught, names 87.5%, 14.6% of clean notes refused), then
    # tuned on its development half only.
    "twentieth corpus, development half": (0.933, 0.9, 0.0),
    # Its held-out half after tuning: one name lost (35 → 34 of 40), 17 → 12 refused.
    "twentieth corpus, held-out half": (0.9, 0.85, 0.092),
    # The twenty-first, everyday use across all of Lantern's users, its clean notes rich in
    # capitalised words that are no one (first blind reading, both halves: 92.5% caught,
    # names 90.0%, 5.8% of clean notes refused), the thirteenth Spanish (written fast:
    # Spanglish, no accents; 87.0%, 92.2%, 18.0%) and the fourteenth Vietnamese (marked and
    # typed, long and short, mixed; 88.0%, 81.7%, 15.0%), then tuned on their development
    # halves only.
    "twenty-first corpus, development half": (1.0, 1.0, 0.025),
    "twenty-first corpus, held-out half": (0.883, 0.85, 0.067),
    "thirteenth Spanish corpus, development half": (0.96, 0.968, 0.06),
    "thirteenth Spanish corpus, held-out half": (0.96, 1.0, 0.12),
    "fourteenth Vietnamese corpus, development half": (0.94, 0.9, 0.0),
    "fourteenth Vietnamese corpus, held-out half": (0.9, 0.833, 0.16),
    # The fourteenth Spanish set, careful formal Spanish with full accents (first blind
    # reading, both halves: 82.0% caught, names 89.1%, 9.0% of clean notes refused), and the
    # fifteenth Vietnamese, typed on a phone without marks, mostly short (78.0%, 68.3%,
    # 32.0%), then tuned on their development halves only.
    "fourteenth Spanish corpus, development half": (0.9, 0.843, 0.04),
    "fourteenth Spanish corpus, held-out half": (0.86, 0.968, 0.08),
    "fifteenth Vietnamese corpus, development half": (0.82, 0.7, 0.26),
    # One name fewer on its held-out half (20 → 19 of 30) and one clean note fewer refused
    # (15 → 14 of 50) once "chu tiem" (chủ tiệm, a shop's owner) is read as a word
    # (2026-12-02); the name, not looked for in its texts, was caught by another span.
    "fifteenth Vietnamese corpus, held-out half": (0.74, 0.633, 0.26),
    # The twenty-second, names inside longer notes and long clean notes (first blind
    # reading, both halves: 95.8% caught, names 96.2%, 3.3% of clean notes refused), then
    # tuned on its development half only.
    "twenty-second corpus, development half": (0.966, 0.95, 0.017),
    "twenty-second corpus, held-out half": (0.983, 0.975, 0.009),
    # The fifteenth Spanish set, bilingual staff mixing Spanish and English in labour cases
    # (first blind reading, both halves: 87.0% caught, names 90.6%, 10.0% of clean notes
    # refused), and the sixteenth Vietnamese, written with full marks (80.0%, 80.0%, 2.0%),
    # then tuned on their development halves only.
    "fifteenth Spanish corpus, development half": (0.98, 0.968, 0.08),
    "fifteenth Spanish corpus, held-out half": (0.86, 0.937, 0.04),
    "sixteenth Vietnamese corpus, development half": (0.94, 0.9, 0.0),
    "sixteenth Vietnamese corpus, held-out half": (0.88, 0.866, 0.02),
    # The twenty-third, short entries typed fast across every kind of identifier (first
    # blind reading, both halves: 89.2% caught, names 82.9%, 4.2% of clean notes refused),
    # then tuned on its development half only.
    "twenty-third corpus, development half": (0.966, 0.942, 0.0),
    "twenty-third corpus, held-out half": (0.883, 0.8, 0.025),
    # The twenty-fourth, case-review minutes and phase records of medium length (first blind
    # reading, both halves: 93.3% caught, names 94.3%, 4.2% of clean notes refused), the
    # sixteenth Spanish, voice notes about Central American and Mexican workers (83.0%,
    # 89.1%, 15.0%), and the seventeenth Vietnamese, typed on a phone, half without marks
    # (84.0%, 85.0%, 18.0%), then tuned on their development halves only.
    "twenty-fourth corpus, development half": (0.983, 0.971, 0.009),
    "twenty-fourth corpus, held-out half": (0.966, 0.971, 0.059),
    "sixteenth Spanish corpus, development half": (0.94, 1.0, 0.06),
    # One more clean note of its held-out half refused (6 → 7 of 50) once a chat line's
    # sender before a town counts as no one only when the first word is a plain word (a
    # nickname and a town, "Tavo Houma:", is a person).
    "sixteenth Spanish corpus, held-out half": (0.82, 0.875, 0.14),
    "seventeenth Vietnamese corpus, development half": (0.98, 0.966, 0.12),
    "seventeenth Vietnamese corpus, held-out half": (0.84, 0.833, 0.18),
    # The twenty-fifth, a week of every user's notes, 300 of them clean and dense with words
    # that are also names (first blind reading, both halves: 90.0% caught, names 87.5%, 6.0%
    # of clean notes refused), then tuned on its development half only.
    "twenty-fifth corpus, development half": (0.9, 0.85, 0.04),
    "twenty-fifth corpus, held-out half": (0.933, 0.9, 0.04),
    # The eighteenth Vietnamese set, community and faith volunteers and the second
    # generation, half typed without marks (first blind reading, both halves: 85.0% caught,
    # names 81.7%, 12.0% of clean notes refused), then tuned on its development half only.
    "eighteenth Vietnamese corpus, development half": (1.0, 1.0, 0.06),
    "eighteenth Vietnamese corpus, held-out half": (0.8, 0.766, 0.14),
    # The seventeenth Spanish set, written Spanish from the Caribbean and South America in
    # formal registers (first blind reading, both halves: 86.0% caught, names 95.3%, 15.0% of
    # clean notes refused), and the twenty-sixth, the frontline's forms and free-text boxes
    # outside the MDT room (96.7%, 98.7%, 8.3%), then tuned on their development halves only.
    "seventeenth Spanish corpus, development half": (0.98, 0.968, 0.04),
    "seventeenth Spanish corpus, held-out half": (0.88, 1.0, 0.18),
    "twenty-sixth corpus, development half": (1.0, 1.0, 0.042),
    "twenty-sixth corpus, held-out half": (0.966, 0.973, 0.05),
    # The twenty-seventh, meetings and their records (first blind reading, both halves:
    # 90.0% caught, names 86.1%, 10.0% of clean notes refused), the eighteenth Spanish,
    # people writing in their own words (87.0%, 87.5%, 9.0%), and the nineteenth
    # Vietnamese, formal Vietnamese (88.0%, 90.0%, 11.0%), then tuned on their development
    # halves only.
    "twenty-seventh corpus, development half": (0.966, 0.944, 0.025),
    "twenty-seventh corpus, held-out half": (0.9, 0.888, 0.075),
    "eighteenth Spanish corpus, development half": (0.98, 0.968, 0.08),
    "eighteenth Spanish corpus, held-out half": (0.84, 0.875, 0.08),
    "nineteenth Vietnamese corpus, development half": (0.98, 1.0, 0.08),
    "nineteenth Vietnamese corpus, held-out half": (0.88, 0.866, 0.06),
    # The twenty-eighth, names from everywhere (first blind reading, both halves: 89.2%
    # caught, names 83.8%, 6.7% of clean notes refused), the nineteenth Spanish, police and
    # courts in Spanish (91.0%, 92.2%, 3.0%), and the twentieth Vietnamese, short chat
    # messages typed without marks (71.0%, 61.7%, 32.0%), then tuned on their development
    # halves only.
    "twenty-eighth corpus, development half": (0.983, 0.975, 0.0),
    "twenty-eighth corpus, held-out half": (0.883, 0.825, 0.075),
    "nineteenth Spanish corpus, development half": (0.98, 1.0, 0.02),
    "nineteenth Spanish corpus, held-out half": (0.92, 0.937, 0.04),
    "twentieth Vietnamese corpus, development half": (0.76, 0.6, 0.28),
    "twentieth Vietnamese corpus, held-out half": (0.72, 0.633, 0.34),
    # The twentieth Spanish, health and school settings (first blind reading, both halves:
    # 84.0% caught, names 88.3%, 13.0% of clean notes refused), then tuned on its
    # development half only.
    "twentieth Spanish corpus, development half": (0.86, 0.933, 0.1),
    "twentieth Spanish corpus, held-out half": (0.86, 0.9, 0.1),
    # The twenty-first Vietnamese, bilingual caseworkers' notes about nail salons, seafood
    # plants and boats (first blind reading, both halves: 88.0%, 83.3%, 12.0%), likewise.
    "twenty-first Vietnamese corpus, development half": (0.94, 0.933, 0.12),
    "twenty-first Vietnamese corpus, held-out half": (0.86, 0.8, 0.06),
    # The twenty-ninth, the rapid-response desk and the coordinators' week (first blind
    # reading on 1e8c64e, both halves: 91.7%, 88.2%, 5.4%), likewise.
    "twenty-ninth corpus, development half": (0.966, 0.947, 0.017),
    "twenty-ninth corpus, held-out half": (0.883, 0.842, 0.059),
    # The twenty-first Spanish, short WhatsApp and SMS messages typed fast (first blind
    # reading on 4c20b7f, both halves: 73.0%, 63.3%, 19.0%), likewise.
    "twenty-first Spanish corpus, development half": (0.8, 0.666, 0.1),
    "twenty-first Spanish corpus, held-out half": (0.72, 0.633, 0.16),
    # The twenty-second Vietnamese, voice-to-text (marks, no capitals, little punctuation;
    # first blind reading on f1b9b5c, both halves: 40.0%, 23.3%, 1.0%), likewise.
    "twenty-second Vietnamese corpus, development half": (0.68, 0.7, 0.02),
    # A title and a given name with marks in a dictated note caught five names more on
    # its held-out half (6 → 11 of 30), at first for one clean note refused, which a later
    # rule (an English word after a title is no name) gave back.
    "twenty-second Vietnamese corpus, held-out half": (0.5, 0.366, 0.0),
    # The thirtieth, the annual report's submissions and the data around them (first
    # blind reading on 00cf5c4, both halves: 91.7%, 90.8%, 8.8%), likewise.
    "thirtieth corpus, development half": (0.966, 0.947, 0.0),
    "thirtieth corpus, held-out half": (0.916, 0.921, 0.025),
    # The twenty-second Spanish, Indigenous Guatemalan, Mexican and Honduran workers (first
    # blind reading on b713faa, both halves: 87.0%, 95.0%, 20.0%), and the twenty-third
    # Vietnamese, second-generation youth mixing English and Vietnamese (94.0%, 91.7%,
    # 19.0%), likewise.
    "twenty-second Spanish corpus, development half": (0.86, 0.966, 0.0),
    "twenty-second Spanish corpus, held-out half": (0.88, 0.933, 0.14),
    "twenty-third Vietnamese corpus, development half": (0.96, 0.966, 0.08),
    "twenty-third Vietnamese corpus, held-out half": (0.92, 0.866, 0.24),
    # The thirty-first, outreach across Louisiana's calendar and geography (first blind
    # reading on c1efccd, both halves: 93.3%, 92.1%, 10.4%), likewise.
    "thirty-first corpus, development half": (0.95, 0.921, 0.042),
    # A hyphenated compound of plain words is no name unless a part is a given name many
    # bear (so "Kayla Middle-Brooks" stays a name): its held-out half refuses one clean note
    # more than its first reading did (9 → 10 of 120).
    "thirty-first corpus, held-out half": (0.916, 0.921, 0.084),
}


@dataclass
class Measure:
    caught: int = 0
    identifying: int = 0
    names_caught: int = 0
    names: int = 0
    refused_clean: int = 0
    clean: int = 0

    @property
    def recall(self) -> float:
        return self.caught / self.identifying

    @property
    def name_recall(self) -> float:
        return self.names_caught / self.names

    @property
    def false_refusals(self) -> float:
        return self.refused_clean / self.clean


def _measure(identifying, clean) -> Measure:
    measure = Measure()
    for snippet in identifying:
        caught = bool(privacy.scan(snippet.text, today=TODAY))
        measure.identifying += 1
        measure.caught += caught
        if snippet.kind == "name":
            measure.names += 1
            measure.names_caught += caught
    for note in clean:
        measure.clean += 1
        measure.refused_clean += bool(privacy.scan(note.text, today=TODAY))
    return measure


SETS = {
    "first corpus, development half": lambda: (
        privacy_corpus.identifying("dev"),
        privacy_corpus.clean("dev"),
    ),
    "first corpus, held-out half": lambda: (
        privacy_corpus.identifying("heldout"),
        privacy_corpus.clean("heldout"),
    ),
    "second corpus (development)": lambda: (
        privacy_corpus_extra.identifying(),
        privacy_corpus_extra.clean(),
    ),
    "third corpus (development)": lambda: (
        privacy_corpus_third.identifying(),
        privacy_corpus_third.clean(),
    ),
    "fourth corpus, development half": lambda: (
        privacy_corpus_fourth.identifying("dev"),
        privacy_corpus_fourth.clean("dev"),
    ),
    "fourth corpus, held-out half": lambda: (
        privacy_corpus_fourth.identifying("heldout"),
        privacy_corpus_fourth.clean("heldout"),
    ),
    "fifth corpus, development half": lambda: (
        privacy_corpus_fifth.identifying("dev"),
        privacy_corpus_fifth.clean("dev"),
    ),
    "fifth corpus, held-out half": lambda: (
        privacy_corpus_fifth.identifying("heldout"),
        privacy_corpus_fifth.clean("heldout"),
    ),
    "sixth corpus, development half": lambda: (
        privacy_corpus_sixth.identifying("dev"),
        privacy_corpus_sixth.clean("dev"),
    ),
    "sixth corpus, held-out half": lambda: (
        privacy_corpus_sixth.identifying("heldout"),
        privacy_corpus_sixth.clean("heldout"),
    ),
    "seventh corpus, development half": lambda: (
        privacy_corpus_seventh.identifying("dev"),
        privacy_corpus_seventh.clean("dev"),
    ),
    "seventh corpus, held-out half": lambda: (
        privacy_corpus_seventh.identifying("heldout"),
        privacy_corpus_seventh.clean("heldout"),
    ),
    "eighth corpus, development half": lambda: (
        privacy_corpus_eighth.identifying("dev"),
        privacy_corpus_eighth.clean("dev"),
    ),
    "eighth corpus, held-out half": lambda: (
        privacy_corpus_eighth.identifying("heldout"),
        privacy_corpus_eighth.clean("heldout"),
    ),
    "ninth corpus, development half": lambda: (
        privacy_corpus_ninth.identifying("dev"),
        privacy_corpus_ninth.clean("dev"),
    ),
    "ninth corpus, held-out half": lambda: (
        privacy_corpus_ninth.identifying("heldout"),
        privacy_corpus_ninth.clean("heldout"),
    ),
    "Spanish corpus, development half": lambda: (
        privacy_corpus_spanish.identifying("dev"),
        privacy_corpus_spanish.clean("dev"),
    ),
    "Spanish corpus, held-out half": lambda: (
        privacy_corpus_spanish.identifying("heldout"),
        privacy_corpus_spanish.clean("heldout"),
    ),
    "Vietnamese corpus, development half": lambda: (
        privacy_corpus_vietnamese.identifying("dev"),
        privacy_corpus_vietnamese.clean("dev"),
    ),
    "Vietnamese corpus, held-out half": lambda: (
        privacy_corpus_vietnamese.identifying("heldout"),
        privacy_corpus_vietnamese.clean("heldout"),
    ),
    "second Spanish corpus, development half": lambda: (
        privacy_corpus_spanish_second.identifying("dev"),
        privacy_corpus_spanish_second.clean("dev"),
    ),
    "second Spanish corpus, held-out half": lambda: (
        privacy_corpus_spanish_second.identifying("heldout"),
        privacy_corpus_spanish_second.clean("heldout"),
    ),
    "second Vietnamese corpus, development half": lambda: (
        privacy_corpus_vietnamese_second.identifying("dev"),
        privacy_corpus_vietnamese_second.clean("dev"),
    ),
    "second Vietnamese corpus, held-out half": lambda: (
        privacy_corpus_vietnamese_second.identifying("heldout"),
        privacy_corpus_vietnamese_second.clean("heldout"),
    ),
    "third Spanish corpus, development half": lambda: (
        privacy_corpus_spanish_third.identifying("dev"),
        privacy_corpus_spanish_third.clean("dev"),
    ),
    "third Spanish corpus, held-out half": lambda: (
        privacy_corpus_spanish_third.identifying("heldout"),
        privacy_corpus_spanish_third.clean("heldout"),
    ),
    "third Vietnamese corpus, development half": lambda: (
        privacy_corpus_vietnamese_third.identifying("dev"),
        privacy_corpus_vietnamese_third.clean("dev"),
    ),
    "third Vietnamese corpus, held-out half": lambda: (
        privacy_corpus_vietnamese_third.identifying("heldout"),
        privacy_corpus_vietnamese_third.clean("heldout"),
    ),
    "fourth Spanish corpus, development half": lambda: (
        privacy_corpus_spanish_fourth.identifying("dev"),
        privacy_corpus_spanish_fourth.clean("dev"),
    ),
    "fourth Spanish corpus, held-out half": lambda: (
        privacy_corpus_spanish_fourth.identifying("heldout"),
        privacy_corpus_spanish_fourth.clean("heldout"),
    ),
    "fourth Vietnamese corpus, development half": lambda: (
        privacy_corpus_vietnamese_fourth.identifying("dev"),
        privacy_corpus_vietnamese_fourth.clean("dev"),
    ),
    "fourth Vietnamese corpus, held-out half": lambda: (
        privacy_corpus_vietnamese_fourth.identifying("heldout"),
        privacy_corpus_vietnamese_fourth.clean("heldout"),
    ),
}


def _halves(corpus, label: str) -> None:
    """Both halves of a corpus, as "<label> corpus, development half" and "… held-out half"."""
    for split, half in (("dev", "development half"), ("heldout", "held-out half")):
        SETS[f"{label} corpus, {half}"] = lambda corpus=corpus, split=split: (
            corpus.identifying(split),
            corpus.clean(split),
        )


_halves(privacy_corpus_tenth, "tenth")
_halves(privacy_corpus_spanish_fifth, "fifth Spanish")
_halves(privacy_corpus_vietnamese_fifth, "fifth Vietnamese")
_halves(privacy_corpus_eleventh, "eleventh")
_halves(privacy_corpus_spanish_sixth, "sixth Spanish")
_halves(privacy_corpus_vietnamese_sixth, "sixth Vietnamese")
_halves(privacy_corpus_twelfth, "twelfth")
_halves(privacy_corpus_thirteenth, "thirteenth")
_halves(privacy_corpus_spanish_seventh, "seventh Spanish")
_halves(privacy_corpus_vietnamese_seventh, "seventh Vietnamese")
_halves(privacy_corpus_fourteenth, "fourteenth")
_halves(privacy_corpus_fifteenth, "fifteenth")
_halves(privacy_corpus_spanish_eighth, "eighth Spanish")
_halves(privacy_corpus_vietnamese_eighth, "eighth Vietnamese")
_halves(privacy_corpus_vietnamese_ninth, "ninth Vietnamese")
_halves(privacy_corpus_spanish_ninth, "ninth Spanish")
_halves(privacy_corpus_sixteenth, "sixteenth")
_halves(privacy_corpus_spanish_tenth, "tenth Spanish")
_halves(privacy_corpus_vietnamese_tenth, "tenth Vietnamese")
_halves(privacy_corpus_seventeenth, "seventeenth")
_halves(privacy_corpus_spanish_eleventh, "eleventh Spanish")
_halves(privacy_corpus_vietnamese_eleventh, "eleventh Vietnamese")
_halves(privacy_corpus_eighteenth, "eighteenth")
_halves(privacy_corpus_spanish_twelfth, "twelfth Spanish")
_halves(privacy_corpus_vietnamese_twelfth, "twelfth Vietnamese")
_halves(privacy_corpus_nineteenth, "nineteenth")
_halves(privacy_corpus_vietnamese_thirteenth, "thirteenth Vietnamese")
_halves(privacy_corpus_twentieth, "twentieth")
_halves(privacy_corpus_twentyfirst, "twenty-first")
_halves(privacy_corpus_spanish_thirteenth, "thirteenth Spanish")
_halves(privacy_corpus_vietnamese_fourteenth, "fourteenth Vietnamese")
_halves(privacy_corpus_spanish_fourteenth, "fourteenth Spanish")
_halves(privacy_corpus_vietnamese_fifteenth, "fifteenth Vietnamese")
_halves(privacy_corpus_twentysecond, "twenty-second")
_halves(privacy_corpus_spanish_fifteenth, "fifteenth Spanish")
_halves(privacy_corpus_vietnamese_sixteenth, "sixteenth Vietnamese")
_halves(privacy_corpus_twentythird, "twenty-third")
_halves(privacy_corpus_twentyfourth, "twenty-fourth")
_halves(privacy_corpus_spanish_sixteenth, "sixteenth Spanish")
_halves(privacy_corpus_vietnamese_seventeenth, "seventeenth Vietnamese")
_halves(privacy_corpus_twentyfifth, "twenty-fifth")
_halves(privacy_corpus_vietnamese_eighteenth, "eighteenth Vietnamese")
_halves(privacy_corpus_spanish_seventeenth, "seventeenth Spanish")
_halves(privacy_corpus_twentysixth, "twenty-sixth")
_halves(privacy_corpus_twentyseventh, "twenty-seventh")
_halves(privacy_corpus_spanish_eighteenth, "eighteenth Spanish")
_halves(privacy_corpus_vietnamese_nineteenth, "nineteenth Vietnamese")
_halves(privacy_corpus_twentyeighth, "twenty-eighth")
_halves(privacy_corpus_spanish_nineteenth, "nineteenth Spanish")
_halves(privacy_corpus_vietnamese_twentieth, "twentieth Vietnamese")
_halves(privacy_corpus_spanish_twentieth, "twentieth Spanish")
_halves(privacy_corpus_vietnamese_twentyfirst, "twenty-first Vietnamese")
_halves(privacy_corpus_twentyninth, "twenty-ninth")
_halves(privacy_corpus_spanish_twentyfirst, "twenty-first Spanish")
_halves(privacy_corpus_vietnamese_twentysecond, "twenty-second Vietnamese")
_halves(privacy_corpus_thirtieth, "thirtieth")
_halves(privacy_corpus_spanish_twentysecond, "twenty-second Spanish")
_halves(privacy_corpus_vietnamese_twentythird, "twenty-third Vietnamese")
_halves(privacy_corpus_thirtyfirst, "thirty-first")


@pytest.fixture(autouse=True)
def _only_the_shipped_lists(monkeypatch):
    """Measure what Lantern ships, not the agencies some other test stored."""
    # The module, not the package's `not_people()` function of the same name.
    module = importlib.import_module("coordination.privacy.not_people")
    monkeypatch.setattr(module, "_stored_names", frozenset)


@pytest.mark.parametrize("name", list(SETS))
def test_the_guard_on_the_corpus(name, capsys):
    measure = _measure(*SETS[name]())
    recall, names, refused = FLOORS[name]
    with capsys.disabled():
        print(
            f"\n{name}: caught {measure.caught}/{measure.identifying} "
            f"({measure.recall:.1%}); names {measure.names_caught}/{measure.names} "
            f"({measure.name_recall:.1%}); clean notes refused "
            f"{measure.refused_clean}/{measure.clean} ({measure.false_refusals:.1%})"
        )
    assert measure.recall >= recall
    assert measure.name_recall >= names
    assert measure.false_refusals <= refused


def test_the_corpora_are_as_large_as_the_issue_asks():
    identifying = privacy_corpus.identifying()
    assert len(identifying) >= 400
    assert sum(snippet.kind == "name" for snippet in identifying) >= 150
    assert len(privacy_corpus.clean()) >= 400
