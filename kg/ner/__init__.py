"""Recognisers of named entities trained by the project (see ``scripts/train_ner.py``)."""
