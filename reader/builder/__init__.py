"""`reader build`: one article in, one folder of page, audio, transcripts and manifest out.

The pipeline lives in `reader.builder.pipeline` (imported on demand: it loads the stages).
"""
