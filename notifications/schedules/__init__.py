"""On-call schedules: who is a region's on-duty contact at any time, from rotations (a
daily or weekly hand-off at a set hour among an ordered list of contacts) in layers (nights
and weekends over weekdays), shift swaps, and "take over now" on top. Computed in the
region's time zone, on wall-clock time, so a hand-off at 08:00 stays at 08:00 across the
daylight-saving changes."""
