"""Classes of words that refused long clean notes (the fifteenth corpus's development
half), and the names beside them the guard must still refuse."""

from __future__ import annotations

import pytest

from coordination import privacy


@pytest.mark.parametrize(
    "text",
    [
        # storms in a note that speaks of storms
        "Ida repeated the pattern in Lafourche and Terrebonne after the storm.",
        "Tropical Storm Cindy and later Cristobal pushed water into Delacroix.",
        "Allison's rains and Juan's long stay off Terrebonne are in the region's storm history.",
        # a heading's day and town; a list of parishes after "Present:"
        "Cenla MDT minutes, Monday, Alexandria.",
        "Present: Beauregard and Vernon sheriffs' offices, DCFS.",
        # a verb cue is no cue before a comma; function words and comparatives are words
        "Collaboration survey free text, Orleans. Members rated it.",
        "Participants asked for shorter meetings closer to home.",
        "The deliverable is delayed to autumn because of a records system change.",
        "STORM SEASON NOTICE: PLANS DUE BY JUNE FIRST. REMEMBER IDA AND NICHOLAS.",
        # funders, businesses, events and institutions written short
        "Transportation from Bernice is covered by the Dorsett Brown-funded van.",
        "Case management from the Patrick F. Taylor-funded case manager continues.",
        "The M.A. Patout mill near Jeanerette and the Cora Texas mill shared calendars.",
        "Coast Guard and Edison Chouest Offshore representatives attended.",
        "Front desk staff at Hilton and Marriott properties in the CBD were trained.",
        "Intake rose 25 percent during Essence and on Jazz Fest weekends.",
        "Screening to be repeated at the Truman community center.",
        "Owner: Northeast Delta Human Services Authority, due 5/30.",
        "Brady material and Miranda issues belong to prosecutors.",
        "Crew housing is clustered around Moss Bluff and Cypremort Point.",
        # the sixteenth set's development half: owners that are organisations, a museum,
        # shipyards, a town named with its state, a sentence's end before "St."
        "Rec 1 (kind: medical follow-up; owner: Hearts of Hope; due 5/30): done.",
        "Rec 3 (kind: housing; owner: Family Promise of Acadiana; due 6/13): done.",
        "Recommendation 1 (owner: Metropolitan Human Services District; due 4/1): done.",
        "Meeting at the Alexandria Museum of Art.\nPresent: Alexandria and Pineville police.",
        "Training for Gulf Island Fabrication's Houma yard and two Amelia shipyards.",
        "She moved to a provider in Tyler, Texas. The Tyler provider confirmed intake.",
        "Region 9 section. St. Tammany reported 64 cases.",
        "The recommendation to review Eden Isles motel calls was dropped.",
        # development halves of earlier sets: storms with their years, a storm that comes
        # ashore, a couple's foundation, a neighbourhood after "in"
        "Storms to mention: Katrina and Rita (2005), Isaac (2012), Ida (2021).",
        "Audrey flattened Cameron, Lili hit Vermilion, and Andrew came ashore near Morgan City.",
        "Huey and Angelina Wilson Foundation grant, final report: 12 trainings delivered.",
        "The listening session at the library branch in Cedar Grove was postponed.",
        "Amparo y techo; el refugio de Alexandria tiene camas hasta fin de mes.",
        "Brady and Giglio disclosures delayed the federal case.",
        "A Miranda waiver was signed in the first interview.",
        "Deacon drove the family to the shelter.",
        "Tip came in from the Ruston area; the team in Monroe is handling it.",
        "The forensic interviewer and the ADA met after the FI.",
        "Hope could be the answer for the region.",
        "Red flags were raised at the meeting, and smoke alarms were checked.",
        "Sunny days are better for outreach; Sugar Bowl week is busy.",
        "She drew a dollar sign on the card to explain the fees.",
        # a list of towns, one of them a given name too (every item a town)
        "The Tyler, Longview and Kilgore crews were paid through an agency in Fort Worth.",
        "Victoria, Corpus Christi and Katy came up in the phone review as earlier stops.",
        "Atlanta and Savannah police are on the joint call Thursday.",
        "Youths born in 2005-2008 made up half of the referrals.",
        "The coalition was born in 2009 out of a church basement meeting.",
        "Call the hotline: 120 calls in May, 145 in June and 1300 in July.",
        "Cards are posted at the Flying J, the Petro and the TA truck stops along I-20.",
        # the eighteenth set's development half
        "Delgado, Nunez and Fletcher community colleges agreed to post the hotline.",
        "Next visit in two weeks, plus the truck parking near the Twin Span.",
        "Ochsner LSU Health Shreveport and CHRISTUS Highland sent social workers.",
        # the nineteenth set's development half: a region, a krewe, a role opening a
        # sentence, a brand after "the", a word-name and a word, towns in a list acting,
        # a label ending its sentence
        "the four Delta parishes have no provider reporting to the annual report.",
        "the Krewe of Tucks and Krewe du Vieux nights are covered by the rota.",
        "Age band 18-24. Student says her manager books photo shoots in Ponchatoula.",
        "The Ritz sent two of their security managers and they stayed all day.",
        "SUMMIT SURVEY\n- Patience and trust high, money low",
        "the fire chiefs from Gramercy, Lutcher and Paulina said they see the same vans.",
        "Bossier Parish juvenile intake. Age band 15-17. All sections completed.",
        # the twentieth set's development half: acronyms after cues, a numbered unit,
        # towns or days joined by a slash, a table, times, a hospital's staff, a visa
        "Joined case team as the CAC family advocate. Team so far: CPI, FI, ADA, SANE, me.",
        "LEA endorsement signed by HSI. The T-visa application is filed.",
        "Joined. DCFS supervisor (Region 2). I'll cover while she's on leave.",
        "Watch: Festivals Acadiens crowds Sat/Sun, the truck stops in Scott and Duson.",
        "Minutes - Bayou MDT (Houma/Thibodaux)",
        "| Lafourche | 1 | 1 | 2 | 0 |\n| St. Mary | 2 | 0 | 1 | 1 |",
        "HANDOFF - weekend rota (Fri 6p to Mon 7a)\nPrimary: CAC (Lafayette)",
        "You have primary for Region 8 from 0700 Mon. Things to know: none.",
        "INTAKE - rcvd 0915 from the school counselor at Pearl River High.",
        "Rcvd Mon 0800 from the Leesville PD school liaison.",
        "Truck stop driver call from Greenwood: false alarm, logged.",
        "Acknowledged. Glenwood SW says the young woman is awake.",
        "seen getting in and out of cabs at the Petro lot overnight",
        "[9:14] Primary: ack, on my way",
        "client (8:42pm): vao shelter roi, all good.",
        # a bullet opens a line as a sentence does
        "SURVEY COMMENTS\n- Faith partners want in\n- Patience and trust high",
        # a word no list holds where only a place goes
        "a deckhand on a skimmer boat out of Leeville says the captain deducts fuel",
        "Deckhands from Dulac, Montegut and Cocodrie said the boats left without them.",
        # the twenty-first set's development half
        "ON-CALL\nMON–WED: PRIMARY = CALCASIEU CAC\nTHU–SUN: PRIMARY = LAKE CHARLES PD",
        "Hope is that ULM's social work program comes on as a partner.",
        "Safe Harbor means the youth is treated as a victim. Ch.C. Art. 725 covers it.",
        "The parish seat is Plaquemine (sp?) and the MDT meets there.",
        # the twenty-second set's development half
        "The boat is tied up, and the Coast Guard says it will not leave until the claim is paid.",
        "The St. Landry Parish School Board paid for lunch.",
        "Tribal police are working with the LaSalle sheriff and ICAC.",
        "Collaboration with the communities in Grand Caillou and Pointe-aux-Chenes is growing.",
        "Recruitment seen this year on Snapchat, Kik, MeetMe and Wizz.",
    ],
)
def test_long_notes_words_that_are_no_one(text):
    assert privacy.scan(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("After the hurricane, Isaac Thibodeaux moved to Houma.", "Isaac Thibodeaux"),
        ("After the storm, Michael was placed at the shelter.", "Michael"),
        ("After the storm, Juan, 16, stayed at the shelter.", "Juan"),
        ("On Monday, Alexandria told the worker she was fine.", "Alexandria"),
        ("per Broussard, the manager said no.", "Broussard"),
        ("Please text Mike about the van.", "Mike"),
        ("She went to Tyler, Texas. Tyler said she would call.", "Tyler"),
        ("Savannah, Georgia police called. Savannah, 16, was found.", "Savannah"),
        ("her cousin Landry of Houma drove her.", "Landry"),
        ("Present: Landry and the DCFS worker.", "Landry"),
        ("She stays at 1500 Poydras St. near the dome.", "1500 Poydras St."),
        ("Kayla and Hope Foundation staff met.", "Kayla"),
        ("After the storm, Juan (16) stayed at the shelter.", "Juan"),
        ("La hija de Eunice llegó ayer.", "Eunice"),
        ("La adolescente duerme en la troca de Elmer cuando cierran la cantina.", "Elmer"),
        # the seventeenth set's development half: names that are words, doing something
        ("Night staff called because Justice never came back from the store.", "Justice"),
        ("Please put Sincere back on Thursday's agenda.", "Sincere"),
        ("She asked whether Hope could stay with the host family.", "Hope"),
        ("Marion picked the youth up in Marion and drove her to a motel.", "Marion"),
        (
            "She was kept in room three-oh-six at the motel by the exit.",
            "room three-oh-six at the motel",
        ),
        ("send it to cash app dollar sign bigmoneyjay504", "dollar sign bigmoneyjay504"),
        ("SO complant # 2025-00471, the deputy will send it.", "2025-00471"),
        ("Su número de extranjero es 219-553-804.", "219-553-804"),
        ('Her roommate said "Unique" is the girl who set up the dates.', "Unique"),
        ("Peanut keeps the money for the girls.", "Peanut"),
        ("Boo texted the youth from a new number.", "Boo"),
        # a list of towns holding a given name no town bears stays a person's
        ("Kayla, Houma and Hammond were on the list.", "Kayla"),
        ("Brittany, Destiny and Hope came to group.", "Destiny"),
        # a year of birth alone (the contract: dates of birth, full or partial)
        ("The youth was born in 2009 and came from Honduras.", "2009"),
        ("DOB: 2007, per the school.", "2007"),
        ("The girl at the shelter said she was born in 2010.", "2010"),
        ("DCFS Hope said she would call.", "Hope"),
        ("call her at 504, then 555, then 0137.", "504, then 555, then 0137"),
        ("the Tasha situation is getting worse.", "Tasha"),
        ("Kayla and Destiny high schools were closed.", "Destiny"),
        ("Destiny and her mom came in after school.", "Destiny"),
        ("Lafayette, Houma and Jasmine said they would come.", "Jasmine"),
        (
            "Outreach saw them going in and out of cabins 11 and 12 at the motor court.",
            "cabins 11 and 12 at the motor court",
        ),
        ("Registration shows CWID 10284731 for the intern.", "10284731"),
        ("Witness got the tag on the van: Louisiana BRX 481, a white Transit.", "BRX 481"),
        ("El microbús tenía placa guatemalteca P 614HRT, según el joven.", "P 614HRT"),
        ("grant says the boss holds their pay til the end of the season", "grant"),
        ("Ruby walked out of the shelter at 0340 per night staff.", "Ruby"),
        ("Per the school, she was born in February of 2011.", "February of 2011"),
        ("hangs out at the Tulane/Broad bus stop after school", "Tulane/Broad"),
        ("she lives at\n1500 Poydras Street now", "1500 Poydras Street"),
        ("huan (8:42pm): client vao shelter roi, all good.", "huan"),
        ("the youth said the Landry boy drove her.", "Landry"),
        ("NOTES\n- Faith says she wants to go home", "Faith"),
        ("a text from Wislande says she is safe", "Wislande"),
        ("Deckhands from Dulac, Montegut and Keisha said the boats left.", "Keisha"),
        ("Jaquline (sp?) didn't show for the FI.", "Jaquline"),
        ("HANDOFF 0700\nGuidry has primary until 1900", "Guidry"),
        ("Hand-off: Crystal has primary tonight.", "Crystal"),
        ("Yesterday Hunter said he left the shelter.", "Hunter"),
        ("Youth says a man on snap, dripking_504, offers her money.", "dripking_504"),
        ("Met the man on Discord, user shadowfang#4412.", "shadowfang#4412."),
    ],
)
def test_names_beside_those_words_are_still_refused(text, value):
    found = [text[f.start : f.end] for f in privacy.scan(text)]
    assert value in found
