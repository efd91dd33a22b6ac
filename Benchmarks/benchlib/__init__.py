"""`make bench`'s driver library: run ours and the peers in rounds (runners), turn each round's raw
JSON into flat figures (figures), define rows with their targets and keep best-of per row (rows),
print and write the tables (report) and draw GFLOP/s against N (plot)."""
