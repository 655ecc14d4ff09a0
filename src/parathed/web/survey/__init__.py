"""The staff questionnaire: anonymous links, responses, answers."""
