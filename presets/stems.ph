-- Stems: drums, bass, chords and hats on out1..out4, for four DAW mixer channels (use Phonon Multi); the main output is their sum.
bpm: 120
out1: stack [s "bd*2", s "[~ sn]*2"] # amp 0.9
out2: note "<[a2 ~ a2 c3] [f2 ~ f2 g2]>" # s "supersaw" # lpf 500 # amp 0.2 # release 0.15
out3: arp "<up downup>" $ note "<a4'min7 f4'maj7>" # s "superpiano" # amp 0.15 # release 0.4 # room 0.3
out4: jux rev $ s "hh*8" # amp "0.8 0.4"
