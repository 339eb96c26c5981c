"""Case mode: one clinical case walked step by step in a dock beside the body."""
