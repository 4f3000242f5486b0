-- demo: a first groove in the built-in sounds: drums, a bass line and a slowly opening pad.
bpm: 120
~drums: s "bd*2 [~ sn] bd [~ sn:1]" # amp 0.95
~hats: s "hh*8" # amp "0.64 0.32" # pan sinewave
~bass: note "<[c3 ~ c3 eb3] [ab2 ~ ab2 bb2]>" # s "supersaw" # lpf 500 # amp 0.12 # release 0.15
~pad: note "<c5'min7 ab4'maj7>" # s "superpiano" # amp 0.2 # attack 0.3 # release 1.5 # room 0.3
out: ~drums + ~hats + ~bass + ~pad
