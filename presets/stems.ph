-- Stems: drums, bass, chords and hats on out1..out4, for four DAW mixer channels (use Phonon Multi); the main output is their sum.
bpm: 120
out1: stack [s "bd ~ bd ~", s "~ sn ~ sn"] # gain 0.4
out2: note "<[a1 ~ a1 c2] [f1 ~ f1 g1]>" # s "supersaw" # lpf 500 # gain 0.2 # release 0.15
out3: note "<a3'min7 f3'maj7>" # s "superpiano" # gain 0.15 # attack 0.05 # release 1
out4: s "[hh hh] [hh oh] [hh hh] [hh hh]" # gain "[0.1 0.05]"
