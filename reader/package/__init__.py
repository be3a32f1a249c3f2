"""Audio packaging: loudness, the episode, ID3 tags and chapters, Podcasting 2.0 chapters."""
