# Initiatives, gates and phase records arrive with issue 3.
