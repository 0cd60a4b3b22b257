"""The project's plumbing that every endpoint and page shares, below any feature: error
messages that never repeat what a client sent (`messages`), forms that do not write a
refused value back (`forms`), input refused before it can reach the database (`input`) and
spreadsheet cells that cannot run as formulas (`spreadsheet`).

Installed once at start-up (coordination/apps.py; `FORM_RENDERER`, the API's parsers and a
middleware in the settings), so that every field, serializer, filter, form and endpoint of
every app, new ones included, inherits it."""
