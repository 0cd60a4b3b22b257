"""Reaching a person off the console: Web Push to their phone (with Lantern closed and the
screen locked), e-mail when no console of theirs is open, and their own contact details.

`vapid` holds Lantern's signing key; `services` subscribes and removes devices, sends an
alert's notification to them (in the alert worker, `tasks`), takes the acknowledgement
that a notification's button sends back, e-mails offline contacts and saves a person's
own e-mail and phone; `views` and `api` are the alert settings page and `push-devices/`."""
