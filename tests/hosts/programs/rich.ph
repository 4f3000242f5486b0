-- A program using what the engine plays: samples and synth voices with per-voice effects,
-- patterns and pattern functions, buses, a feedback loop, the host's input, macros and held
-- notes, several outputs and settings. The real-host allocation check renders it.
tempo: 0.5
bpc: 4
~drums: s "bd*4 [sn cp]" # gain 0.8 # cutoff 3000
~hats: s "hh*8" # gain "0.6 0.3" # pan "0 1"
~keys: note "<0 3> [7 10]*2 ~ 12" # s "superpiano" # release 0.3
~lfo: sine 0.25 * 0.3 + 0.7
~notes: sine "<220 330> [440 550]*2 ~ 660"
~fb: ~notes * 0.5 + ~fb * 0.3
~held: sine midi * 0.2
~pad: sine 110 + sine 110.5 * 0.7
out1: ~drums + ~hats
out2: ~keys * ~lfo
out3: ~fb * 0.2 + in * 0.5
out4: "0.1 0.2 0.3"
out5: ~pad * (param 1 * 0.2) + ~held
out: ~drums * 0.5 + ~keys * 0.3 + ~notes * 0.1
