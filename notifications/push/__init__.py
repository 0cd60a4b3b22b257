"""Web Push: alerts reach a contact's phone with the console closed and the screen locked.

`vapid` holds Lantern's signing key; `services` subscribes and revokes devices, sends an
alert's notification to them (in the task worker, `tasks`) and takes the acknowledgement
that a notification's button sends back."""
