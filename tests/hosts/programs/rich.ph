-- Everything the engine plays today: buses, patterns, feedback, several outputs, settings.
tempo: 0.5
bpc: 4
~lfo: sine 0.25 * 0.3 + 0.7
~notes: sine "<220 330> [440 550]*2 ~ 660"
~fb: ~notes * 0.5 + ~fb * 0.3
~pad: sine 110 + sine 110.5 * 0.7
out1: ~notes * ~lfo * 0.3
out2: ~pad * 0.1
out3: ~fb * 0.2
out4: "0.1 0.2 0.3"
out: ~notes * 0.2 + ~pad * 0.05
