-- House: four-on-the-floor kick, claps on two and four, off-beat open hats, minor-seventh stabs with echoes, and a bass that ducks under the kick.
bpm: 124
~kick: s "bd*4" # amp 0.9
~clap: s "~ cp ~ cp" # amp 0.56 # room 0.2
~open: s "[~ oh]*4" # amp 0.44
~ticks: s "hh*16" # amp "0.56 0.24 0.4 0.24" # pan (range 0.3 0.7 sinewave)
~stab: note "<[~ c5'min7 ~ ~] [~ ~ ~ [~ bb4'maj7]]>" # s "superpiano" # amp 0.4 # release 0.2 # delay 0.3 # delaytime 0.375 # delayfeedback 0.4
~bass: note "<[c3 ~ c3 c4] [bb2 ~ bb2 bb3]>" # s "supersaw" # lpf 420 # resonance 0.3 # amp 0.14 # release 0.15
-- Sidechain: the bass ducks whenever the kick hits.
~ducked: ~bass # compressor threshold:-30 ratio:8 attack:0.002 release:0.12 side:~kick
out: ~kick + ~clap + ~open + ~ticks + ~stab + ~ducked
