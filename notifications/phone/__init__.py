"""Text messages and voice calls to a contact's own phone (`provider`: Twilio behind one
interface), the replies and key presses that acknowledge, and delivery statuses."""
