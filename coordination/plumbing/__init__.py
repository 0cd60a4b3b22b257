"""The project's plumbing that every endpoint and page shares, below any feature: error
messages that never repeat what a client sent (`messages`) and forms that do not write a
refused value back (`forms`).

Installed once at start-up (coordination/apps.py, and `FORM_RENDERER` in the settings), so
that every field, serializer, filter and form of every app, new ones included, inherits it."""
