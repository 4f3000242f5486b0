-- Generative: random choices, dropped steps and alternations make a melody that never quite repeats, yet renders the same every time.
tempo: 0.4
~melody: note "[c4|eb4|g4] [~|bb4|g4] [f4|c5]? [eb4|~] <[g4 ~] [bb3 d4] [c4|g4]>" # s "superpiano" # gain 0.35 # release 0.6
~counter: note "<[c3 ~] [ab2 ~] [bb2 eb3] [g2|f2]>" # s "supersaw" # lpf 700 # gain 0.08 # release 0.8
~pulse: s "[hh? hh? hh? hh?] [hh? hh hh? hh?]" # gain "[0.2 0.1]"
~drops: s "<[bd ~ ~ ~] [~ ~ bd ~] [bd ~ bd? ~]> [~ perc?]" # gain 0.32
out: ~melody + ~counter + ~pulse + ~drops
