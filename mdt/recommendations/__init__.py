"""Recommendations: what an MDT meeting decided for a referral, who does it and by when.
Open ones are carried to every later meeting's agenda until they are done or dropped."""
