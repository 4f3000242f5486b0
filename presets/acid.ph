-- Acid: a resonant square-wave line whose filter opens and closes step by step, an accent every fourth cycle, over a kick, claps and delayed hats.
bpm: 128
~kick: s "bd*4" # amp 0.85
~clap: s "~ cp ~ cp" # amp 0.52
~hats: s "[~ hh]*4" # amp 0.6 # delay 0.25 # delaytime 0.234 # delayfeedback 0.3
~line: every 4 (|+ note 12) $ note "<[c3 c3 c4 c3 eb3 c3 g2 c3] [c3 c4 c3 bb2 c3 c3 eb3 f3]>" # s "supersquare" # lpf "<[300 500 900 1600 2400 1600 900 500] [400 1200 3000 1200 600 300 800 2000]>" # resonance 0.85 # release 0.1 # shape 0.3 # amp 0.12
out: ~kick + ~clap + ~hats + ~line
