"""The scenario file format: typed models, the YAML loader with precise errors, and branching."""
