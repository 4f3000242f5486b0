-- Acid: a resonant square-wave line whose filter opens and closes step by step, over a kick and claps.
bpm: 128
~kick: s "bd bd bd bd" # gain 0.36
~clap: s "~ cp ~ cp" # gain 0.22
~hats: s "[~ hh] [~ hh] [~ hh] [~ hh]" # gain 0.15
~line: note "<[c2 c2 c3 c2 eb2 c2 g1 c2] [c2 c3 c2 bb1 c2 c2 eb2 f2]>" # s "supersquare" # lpf "<[300 500 900 1600 2400 1600 900 500] [400 1200 3000 1200 600 300 800 2000]>" # resonance 0.85 # release 0.1 # shape 0.3 # gain 0.13
out: ~kick + ~clap + ~hats + ~line
