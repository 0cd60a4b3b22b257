"""How alerts reach each person off the console: their own ordered rules ("a phone
notification now, a text after 1 minute, a call after 3"), and the steps each delivery
plans on the database clock, run by the escalation worker (so a restart loses none and
racing workers run each once)."""
