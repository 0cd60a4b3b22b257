# On-duty contacts, alerts and escalation arrive with issue 5.
