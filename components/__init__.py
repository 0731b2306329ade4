"""Custom Rasa NLU components (Rasa glue; the logic lives in bot/)."""
