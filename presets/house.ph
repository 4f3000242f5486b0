-- House: four-on-the-floor kick, claps on two and four, off-beat open hats, minor-seventh stabs and a bouncing bass.
bpm: 124
~kick: s "bd bd bd bd" # gain 0.36
~clap: s "~ cp ~ cp" # gain 0.24
~open: s "[~ oh] [~ oh] [~ oh] [~ oh]" # gain 0.12
~ticks: s "[hh hh hh hh] [hh hh hh hh] [hh hh hh hh] [hh hh hh hh]" # gain "[0.14 0.06 0.1 0.06]"
~stab: note "<[~ c4'min7 ~ ~] [~ ~ ~ [~ bb3'maj7]]>" # s "superpiano" # gain 0.4 # release 0.2
~bass: note "<[c2 ~ c2 c3] [bb1 ~ bb1 bb2]>" # s "supersaw" # lpf 420 # resonance 0.3 # gain 0.11 # release 0.15
out: ~kick + ~clap + ~open + ~ticks + ~stab + ~bass
