"""Custom Rasa input channels (Rasa glue)."""
