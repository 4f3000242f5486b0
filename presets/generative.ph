-- Generative: random choices, dropped steps, shuffles and alternations make a melody that never quite repeats, yet renders the same every time.
tempo: 0.4
~melody: sometimesBy 0.25 (off 0.125 (|+ note 7)) $ note "[c5|eb5|g5] [~|bb5|g5] [f5|c6]? [eb5|~] <[g5 ~] [bb4 d5] [c5|g5]>" # s "superpiano" # amp 0.3 # release 0.6 # room 0.3
~counter: note "<[c4 ~] [ab3 ~] [bb3 eb4] [g3|f3]>" # s "supersaw" # lpf 700 # amp 0.08 # release 0.8
~pulse: s "hh?*8" # amp (range 0.2 0.8 rand)
~drops: s "<[bd ~ ~ ~] [~ ~ bd ~] [bd ~ bd? ~]> [~ perc?]" # amp 0.74
~sparkle: shuffle 4 $ n "0 2 4 7" # s "superfm" # octave 6 # amp 0.05 # pan rand
out: ~melody + ~counter + ~pulse + ~drops + ~sparkle
