"""Timeliness: each MDT's targets (days from receipt to review and to services engaged),
the referrals past them, and how long referrals take, month by month."""
