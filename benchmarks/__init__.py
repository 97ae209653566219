"""Speed and accuracy measurements of Frontline (see benchmarks/README.md)."""
