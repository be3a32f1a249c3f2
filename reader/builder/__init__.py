"""`reader build`: one article in, one folder of page, audio, transcripts and manifest out."""

from reader.builder.pipeline import BuildContext, BuildOptions, BuildResult, build_article

__all__ = ["BuildContext", "BuildOptions", "BuildResult", "build_article"]
